"""Helpers shared by the 19_transfer checks: the new task (shapes classes 6-9), the dlings backbone,
a small training loop, and module checks."""
from __future__ import annotations

from typing import Any

import torch
from torch import nn

from dlings import data
from dlings.testing import expect, fail

_CACHE: dict[tuple, Any] = {}
NEW_CLASSES = 4          # hbar, vbar, stripes, checker: shapes classes 6-9, never seen in pretraining


def new_task(n: int, split: str = "train", seed: int = 0) -> tuple[torch.Tensor, torch.Tensor]:
    """n images of shapes classes 6-9 (labels 0-3), balanced: the task the backbone transfers to."""
    key = ("new", n, split, seed)
    if key not in _CACHE:
        s = data.shapes(n * 3, classes=10, split=split, seed=seed)
        keep = s.y >= 6
        x, y = s.x[keep][:n], s.y[keep][:n] - 6
        _CACHE[key] = (x, y)
    return _CACHE[key]


def backbone(seed: int = 0) -> nn.Module:
    return data.pretrained_backbone(seed=seed)


def expect_module(obj: Any, what: str) -> nn.Module:
    if obj is None or obj is Ellipsis:
        fail(f"{what} gave {obj!r}, not a module.", hint="finish the TODO and return the model.")
    expect(isinstance(obj, nn.Module), f"{what} should be an nn.Module, but it is {type(obj).__name__}.",
           hint="return the model itself.")
    return obj


@torch.no_grad()
def accuracy(model: nn.Module, x: torch.Tensor, y: torch.Tensor) -> float:
    was = model.training
    model.eval()
    acc = (model(x).argmax(1) == y).float().mean().item()
    model.train(was)
    return acc


def params_of(module: nn.Module) -> set[int]:
    return {id(p) for p in module.parameters()}


def optimizer_params(opt: torch.optim.Optimizer) -> list[torch.Tensor]:
    return [p for group in opt.param_groups for p in group["params"]]


def expect_optimizer(opt: Any, what: str) -> torch.optim.Optimizer:
    if opt is None or opt is Ellipsis:
        fail(f"{what} is {opt!r}, not an optimizer.", hint="finish the TODO and return the optimizer you built.")
    expect(isinstance(opt, torch.optim.Optimizer), f"{what} should be a torch.optim optimizer, but it is "
                                                   f"{type(opt).__name__}.")
    return opt
