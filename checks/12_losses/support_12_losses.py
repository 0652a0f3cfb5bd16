"""Helpers shared by the 12_losses checks (imported as `from support_12_losses import ...`)."""
from __future__ import annotations

import contextlib
from typing import Any, Iterable

import torch

from dlings.testing import expect, expect_not_calling, fail, forbid_calls
from dlings.testing import single_thread  # noqa: F401 - part of the checking API now

# Loss functions a "by hand" exercise must not hand the work to.
LOSS_FUNCTIONS = {
    "cross_entropy": ["torch.nn.functional.cross_entropy", "torch.nn.CrossEntropyLoss"],
    "nll": ["torch.nn.functional.nll_loss", "torch.nn.NLLLoss"],
    "bce_logits": ["torch.nn.functional.binary_cross_entropy_with_logits", "torch.nn.BCEWithLogitsLoss"],
    "regression": ["torch.nn.functional.mse_loss", "torch.nn.functional.l1_loss", "torch.nn.functional.huber_loss",
                   "torch.nn.functional.smooth_l1_loss", "torch.nn.MSELoss", "torch.nn.L1Loss", "torch.nn.HuberLoss",
                   "torch.nn.SmoothL1Loss"],
}


def banned(*groups: str) -> list[str]:
    return [name for group in groups for name in LOSS_FUNCTIONS[group]]


def short_names(dotted: Iterable[str]) -> list[str]:
    """`torch.nn.functional.cross_entropy` -> `F.cross_entropy`, `nn.CrossEntropyLoss` ... for expect_not_calling."""
    out = []
    for name in dotted:
        last = name.rsplit(".", 1)[1]
        out += [f"F.{last}", f"functional.{last}"] if ".functional." in name else [f"nn.{last}"]
    return out


@contextlib.contextmanager
def by_hand(groups: Iterable[str], why: str):
    """Run time: the named torch losses raise while the learner's code runs."""
    with forbid_calls(banned(*groups), why=why):
        yield


def expect_by_hand(func: Any, groups: Iterable[str], why: str) -> None:
    """AST: the learner's function does not name the torch losses of `groups`."""
    expect_not_calling(func, short_names(banned(*groups)), why=why)


def blobs(n: int, classes: int, seed: int, dim: int = 2, spread: float = 1.0):
    """`classes` Gaussian blobs on a circle of radius 3: X (n, dim) float32, y (n,) int64."""
    g = torch.Generator().manual_seed(seed)
    y = torch.randint(0, classes, (n,), generator=g)
    angles = torch.arange(classes) * (2 * torch.pi / classes)
    centres = torch.zeros(classes, dim)
    centres[:, 0], centres[:, 1] = 3 * torch.cos(angles), 3 * torch.sin(angles)
    X = centres[y] + spread * torch.randn(n, dim, generator=g)
    return X, y


def expect_float_list(values: Any, length: int, what: str) -> list[float]:
    """A list (or tuple) of `length` Python floats, with the classic wrong returns explained."""
    if values is None:
        fail(f"{what} returned None.", hint="finish the TODO and return the list of losses.")
    if isinstance(values, torch.Tensor):
        fail(f"{what} returned a tensor; return a Python list of floats, one per step.",
             hint="append loss.item() to a list at each step and return the list.")
    expect(isinstance(values, (list, tuple)), f"{what} should return a list of floats, got {type(values).__name__}.")
    if values and isinstance(values[0], torch.Tensor):
        fail(f"{what} returned a list of tensors; return Python floats (loss.item()).",
             hint="a loss tensor keeps its whole graph alive; .item() gives the float.")
    expect(len(values) == length, f"{what} should return {length} losses (one per step), got {len(values)}.",
           hint="append exactly one loss per step, inside the loop.")
    expect(all(isinstance(v, float) for v in values), f"{what} should return Python floats (loss.item()).")
    return list(values)


def huge_logits(n: int, c: int, seed: int) -> torch.Tensor:
    """Logits of +-1000 (and a few in between): exp() overflows, softmax underflows to exact zeros."""
    g = torch.Generator().manual_seed(seed)
    signs = torch.where(torch.rand(n, c, generator=g) < 0.5, -1.0, 1.0)
    return signs * 1000.0 + torch.randn(n, c, generator=g) * 3


def classification_cases(seed: int = 0):
    """(description, logits (N, C), target (N,)): ordinary, batch of one, one class, huge logits, float64,
    non-contiguous."""
    g = torch.Generator().manual_seed(seed)
    yield "logits (6, 4)", torch.randn(6, 4, generator=g) * 2, torch.randint(0, 4, (6,), generator=g)
    yield "logits (1, 5)", torch.randn(1, 5, generator=g), torch.tensor([3])
    yield "logits (3, 1)", torch.randn(3, 1, generator=g), torch.zeros(3, dtype=torch.long)
    yield "logits (5, 3) of about +-1000", huge_logits(5, 3, seed), torch.randint(0, 3, (5,), generator=g)
    yield "float64 logits (4, 6)", torch.randn(4, 6, generator=g, dtype=torch.float64) * 3, \
        torch.randint(0, 6, (4,), generator=g)
    yield "non-contiguous logits (7, 3)", (torch.randn(3, 7, generator=g) * 2).T, torch.randint(0, 3, (7,), generator=g)


def multilabel_toy(n: int, seed: int, d: int = 10, labels: int = 5):
    """X (n, d) and multi-hot Y (n, labels): label l is on where a fixed linear rule of X (plus a little noise)
    is positive. Label frequencies about 50, 79, 18, 75 and 8 %. The rule is the same for every seed."""
    g = torch.Generator().manual_seed(1234)
    W = torch.randn(labels, d, generator=g)
    b = torch.tensor([0.0, 2.0, -2.0, 3.0, -4.0])[:labels]
    g = torch.Generator().manual_seed(seed)
    X = torch.randn(n, d, generator=g)
    Y = ((X @ W.T + b + 0.3 * torch.randn(n, labels, generator=g)) > 0).float()
    return X, Y


def micro_f1(pred: torch.Tensor, target: torch.Tensor) -> float:
    pred, target = pred.bool(), target.bool()
    tp = (pred & target).sum().item()
    fp = (pred & ~target).sum().item()
    fn = (~pred & target).sum().item()
    return 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 0.0
