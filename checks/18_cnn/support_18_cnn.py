"""Helpers shared by the 18_cnn checks: the shapes data, a plain training loop
that streams its curve, and small module checks."""
from __future__ import annotations

from typing import Any, Callable

import torch
from torch import nn

from dlings import data
from dlings.testing import expect, fail

_CACHE: dict[tuple, Any] = {}


def shifted_shapes(n_train: int = 3000, n_test: int = 1000, classes: int = 6):
    """Train: objects in the left half only; test: objects in the right half only."""
    key = (n_train, n_test, classes)
    if key not in _CACHE:
        _CACHE[key] = (data.shapes(n_train, variant="shifted", classes=classes, seed=0),
                       data.shapes(n_test, variant="shifted", classes=classes, split="test", seed=0))
    return _CACHE[key]


def expect_module(obj: Any, what: str) -> nn.Module:
    if obj is None or obj is Ellipsis:
        fail(f"{what} gave {obj!r}, not a module.", hint="finish the TODO and return the model you built.")
    expect(isinstance(obj, nn.Module), f"{what} should be an nn.Module, but it is {type(obj).__name__}.",
           hint="return an nn.Module (nn.Sequential(...) is one).")
    return obj


def n_params(model: nn.Module) -> int:
    return sum(p.numel() for p in model.parameters())


@torch.no_grad()
def accuracy(model: nn.Module, x: torch.Tensor, y: torch.Tensor) -> float:
    was = model.training
    model.eval()
    acc = (model(x).argmax(1) == y).float().mean().item()
    model.train(was)
    return acc


def train(model: nn.Module, train_split, test_split, *, epochs: int, report=None, metric: str = "test_accuracy",
          augment: Callable | None = None, checkpoint: Callable[[int, float, float], None] | None = None,
          lr: float = 3e-3, seed: int = 0) -> float:
    """Adam, batch 64, cross-entropy; after each epoch report test accuracy and call
    checkpoint(epoch, train_accuracy, test_accuracy). Returns the last test accuracy."""
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    n_batches = (len(train_split) + 63) // 64
    step = 0
    test_acc = 0.0
    for epoch in range(1, epochs + 1):
        model.train()
        for xb, yb in train_split.batches(64, seed=seed * 100 + epoch):
            if augment is not None:
                xb = augment(xb)
            loss = nn.functional.cross_entropy(model(xb), yb)
            opt.zero_grad()
            loss.backward()
            opt.step()
            step += 1
            if report is not None and step % 10 == 0:
                report("loss", loss.item(), step)
                report.progress(step, epochs * n_batches)
        test_acc = accuracy(model, test_split.x, test_split.y)
        train_acc = accuracy(model, train_split.x[:1000], train_split.y[:1000])
        if report is not None:
            report(metric, test_acc, step)
        if checkpoint is not None:
            checkpoint(epoch, train_acc, test_acc)
    return test_acc


def expect_same_layout(model: nn.Module, ref: nn.Module, what: str, hint: str | None = None) -> None:
    """Same state_dict keys and shapes as the reference layout."""
    got = {k: tuple(v.shape) for k, v in model.state_dict().items()}
    want = {k: tuple(v.shape) for k, v in ref.state_dict().items()}
    if set(got) != set(want):
        missing, extra = sorted(set(want) - set(got)), sorted(set(got) - set(want))
        fail(f"{what}: its parameters and buffers are not laid out as asked.\n"
             f"  missing:    {missing[:8]}\n  unexpected: {extra[:8]}", hint=hint)
    for k in want:
        if got[k] != want[k]:
            fail(f"{what}: {k} has shape {got[k]}, expected {want[k]}.", hint=hint)


def expect_same_function(model: nn.Module, ref: nn.Module, x: torch.Tensor, what: str, hint: str | None = None,
                         modes=("train", "eval"), rtol=1e-4, atol=1e-5) -> None:
    """Copy the learner's weights into the reference and compare outputs."""
    from dlings.testing import expect_close, expect_tensor
    ref.load_state_dict(model.state_dict())
    for mode in modes:
        model.train(mode == "train")
        ref.train(mode == "train")
        got = expect_tensor(model(x), f"{what}(x)")
        with torch.no_grad():
            want = ref(x)
        expect_close(got.detach(), want, f"{what}(x) in {mode} mode, x of shape {tuple(x.shape)}", rtol=rtol,
                     atol=atol, hint=hint)
