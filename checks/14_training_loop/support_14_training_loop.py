"""Helpers shared by the 14_training_loop checks: small seeded models and data,
float results, and bitwise comparisons of whole models."""
from __future__ import annotations

import math
import numbers

import torch
from dlings.testing import fail
from dlings.testing import state_differences as model_differences  # noqa: F401 - the checking API's
from torch import nn

# Tiny models train fastest on one thread, and one thread keeps sums in a fixed
# order. Each check runs in its own process, so this touches nothing else.
torch.set_num_threads(1)


def as_float(value, what: str, hint: str | None = None) -> float:
    """A Python number (an int or float), with the usual slips explained."""
    if value is None or value is Ellipsis:
        fail(f"{what} is {value!r}, not a number.", hint=hint or "finish the TODO and return the value.")
    if isinstance(value, torch.Tensor):
        fail(f"{what} is a tensor ({'shape ' + str(tuple(value.shape)) if value.dim() else 'a 0-d tensor'}"
             f"{', with grad_fn' if value.grad_fn is not None else ''}), not a Python float.",
             hint="turn it into a number with .item() (loss.item(), correct.sum().item(), ...): a tensor "
                  "that keeps its graph keeps the whole forward pass alive in memory, batch after batch.")
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        fail(f"{what} should be a Python float, got {type(value).__name__} {value!r:.60}.")
    return float(value)


def float_list(values, what: str, length: int | None = None) -> list[float]:
    if values is None or values is Ellipsis:
        fail(f"{what} is {values!r}, not a list.", hint="finish the TODO and return the list.")
    try:
        values = list(values)
    except TypeError:
        fail(f"{what} should be a list of floats, got {type(values).__name__}.")
    out = [as_float(v, f"item {i} of {what}") for i, v in enumerate(values)]
    if length is not None and len(out) != length:
        fail(f"{what} should hold {length} values, it holds {len(out)}.")
    return out


def close(a: float, b: float, rel: float = 1e-5, abs_: float = 1e-7) -> bool:
    if math.isnan(a) and math.isnan(b):
        return True
    return math.isclose(a, b, rel_tol=rel, abs_tol=abs_)


def first_difference(got, want, rel: float = 1e-5, abs_: float = 1e-7):
    """Index of the first value that differs (or the length mismatch), else None."""
    for i, (g, w) in enumerate(zip(got, want)):
        if not close(g, w, rel, abs_):
            return i
    if len(got) != len(want):
        return min(len(got), len(want))
    return None


def fmt(values, limit: int = 8) -> str:
    shown = ", ".join(f"{v:.4g}" for v in values[:limit])
    return f"[{shown}{', ...' if len(values) > limit else ''}]"


def copy_of(model: nn.Module) -> nn.Module:
    import copy

    return copy.deepcopy(model)


class LiveLoss:
    """Wraps a loss function: streams each loss to `report` as the learner's loop
    computes it, and judges checkpoints on the way, so a broken loop fails at
    the first missed checkpoint instead of at the end of training.

    checkpoints: {step: (judge, message)}; at that step judge(losses) must be
    true, else the check fails with `message` (formatted with the losses).
    """

    def __init__(self, loss_fn, report=None, metric="loss", checkpoints=None, total=None):
        self.loss_fn, self.report, self.metric = loss_fn, report, metric
        self.checkpoints = dict(checkpoints or {})
        self.total = total
        self.losses: list[float] = []

    def __call__(self, prediction, target):
        loss = self.loss_fn(prediction, target)
        if torch.is_grad_enabled() and loss.requires_grad:
            self.losses.append(float(loss.detach()))
            step = len(self.losses)
            if self.report is not None:
                self.report(self.metric, self.losses[-1], step)
                if self.total and (step % 10 == 0 or step == self.total):
                    self.report.progress(min(step, self.total), self.total)
            if step in self.checkpoints:
                judge, message = self.checkpoints[step]
                if not judge(self.losses):
                    fail(message(self.losses) if callable(message) else message)
        return loss


def mean(values) -> float:
    values = list(values)
    return sum(values) / len(values)


def float_pair(result, what: str, names=("mean_loss", "accuracy")) -> tuple[float, float]:
    if result is None or result is Ellipsis:
        fail(f"{what} returned {result!r}; it should return ({names[0]}, {names[1]}).",
             hint="finish the TODO and return the two numbers.")
    if not isinstance(result, (tuple, list)) or len(result) != 2:
        fail(f"{what} should return a pair ({names[0]}, {names[1]}), got {type(result).__name__} {result!r:.80}.")
    return (as_float(result[0], f"the {names[0]} from {what}"), as_float(result[1], f"the {names[1]} from {what}"))
