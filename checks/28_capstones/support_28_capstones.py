"""Helpers shared by the 28_capstones checks: the shapes data of the checkpoint project, seeding,
a plain OneCycle training loop that streams its curve, and small module checks."""
from __future__ import annotations

import random
from typing import Any, Callable

import torch
from torch import nn

from dlings import data
from dlings.testing import expect, fail

_CACHE: dict[tuple, Any] = {}


def seed_all(seed: int) -> None:
    torch.manual_seed(seed)
    random.seed(seed)
    try:
        import numpy as np
        np.random.seed(seed)
    except ImportError:  # pragma: no cover
        pass


def shapes_data(n_train: int = 3000, n_test: int = 1000, classes: int = 6):
    """The project's data: plain shapes, 16x16, `classes` classes; test is an independent draw."""
    key = ("shapes", n_train, n_test, classes)
    if key not in _CACHE:
        _CACHE[key] = (data.shapes(n_train, classes=classes, seed=0),
                       data.shapes(n_test, classes=classes, split="test", seed=0))
    return _CACHE[key]


def describe(value: Any) -> str:
    if isinstance(value, torch.Tensor):
        return f"a tensor of shape {tuple(value.shape)}, dtype {value.dtype}"
    if isinstance(value, (tuple, list)):
        inner = ", ".join(describe(v) for v in list(value)[:4])
        return f"a {type(value).__name__} of {len(value)} ({inner}{', ...' if len(value) > 4 else ''})"
    if value is None or value is Ellipsis or isinstance(value, (int, float, str, bool)):
        return f"{value!r:.60}"
    return f"a {type(value).__name__} object"


def expect_module(obj: Any, what: str) -> nn.Module:
    if obj is None or obj is Ellipsis:
        fail(f"{what} gave {obj!r}, not a module.", hint="finish the TODO and return the model you built.")
    expect(isinstance(obj, nn.Module), f"{what} should be an nn.Module, but it is {describe(obj)}.",
           hint="return an nn.Module (nn.Sequential(...) is one).")
    expect("_parameters" in vars(obj), f"{what} was not initialised as an nn.Module.",
           hint="the first line of __init__ must be super().__init__().")
    return obj


def n_params(model: nn.Module) -> int:
    return sum(p.numel() for p in model.parameters())


@torch.no_grad()
def accuracy(model: nn.Module, x: torch.Tensor, y: torch.Tensor, batch: int = 500) -> float:
    was = model.training
    model.eval()
    right = sum(int((model(x[i:i + batch]).argmax(1) == y[i:i + batch]).sum()) for i in range(0, len(x), batch))
    model.train(was)
    return right / len(x)


def train_onecycle(model: nn.Module, train_split, test_split, *, epochs: int, report=None,
                   metric: str = "test accuracy", checkpoint: Callable[[int, float], None] | None = None,
                   max_lr: float = 5e-3, seed: int = 0, batch: int = 64) -> float:
    """Adam with a OneCycle schedule (per batch), cross-entropy; after each epoch report the test accuracy
    and call checkpoint(epoch, test_accuracy). Returns the last test accuracy."""
    opt = torch.optim.Adam(model.parameters(), lr=max_lr)
    n_batches = (len(train_split) + batch - 1) // batch
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr, total_steps=epochs * n_batches)
    step, acc = 0, 0.0
    for epoch in range(1, epochs + 1):
        model.train()
        for xb, yb in train_split.batches(batch, seed=seed * 100 + epoch):
            loss = nn.functional.cross_entropy(model(xb), yb)
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
            step += 1
            if report is not None and step % 10 == 0:
                report("loss", loss.item(), step)
                report.progress(step, epochs * n_batches)
        acc = accuracy(model, test_split.x, test_split.y)
        if report is not None:
            report(metric, acc, step)
        if checkpoint is not None:
            checkpoint(epoch, acc)
    return acc


def conv_calls(model: nn.Module, x: torch.Tensor) -> list[str]:
    """Names of the nn.Conv2d modules that run in one forward of x (in call order)."""
    names = {m: n for n, m in model.named_modules()}
    called: list[str] = []
    hooks = [m.register_forward_hook(lambda mod, i, o: called.append(names[mod]))
             for m in model.modules() if isinstance(m, nn.Conv2d)]
    try:
        with torch.no_grad():
            model(x)
    finally:
        for h in hooks:
            h.remove()
    return called
