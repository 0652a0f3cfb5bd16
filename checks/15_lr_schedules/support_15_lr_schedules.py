"""Helpers shared by the 15_lr_schedules checks: build optimizers, drive a
scheduler the right way round, and compare learning-rate sequences step by step."""
from __future__ import annotations

import math
import numbers
import warnings

import torch
from dlings.testing import fail

ORDER_WARNING = "before `optimizer.step()`"


def make_optimizer(lrs=(0.1,), momentum: float = 0.0, kind: str = "sgd") -> torch.optim.Optimizer:
    """One param group per lr, each holding one fresh parameter."""
    groups = [{"params": [torch.zeros(2, requires_grad=True)], "lr": lr} for lr in lrs]
    if kind == "adam":
        return torch.optim.Adam(groups, lr=lrs[0])
    return torch.optim.SGD(groups, lr=lrs[0], momentum=momentum)


def group_lrs(optimizer) -> list[float]:
    return [float(g["lr"]) for g in optimizer.param_groups]


def expect_scheduler(scheduler, optimizer, what: str):
    """The learner returned a scheduler attached to the optimizer the check passed in."""
    if scheduler is None or scheduler is Ellipsis:
        fail(f"{what} returned {scheduler!r}, not a scheduler.",
             hint="finish the TODO and `return` the scheduler you built.")
    if not hasattr(scheduler, "step") or not hasattr(scheduler, "optimizer"):
        fail(f"{what} returned a {type(scheduler).__name__}, not a learning-rate scheduler "
             "(something from torch.optim.lr_scheduler).")
    if scheduler.optimizer is not optimizer:
        fail(f"the scheduler from {what} is attached to another optimizer, so it never changes the lr of the "
             "optimizer it was given.", hint="pass the `optimizer` argument to the scheduler; do not make a new one.")
    return scheduler


def momenta(optimizer) -> list[float]:
    """Each group's momentum (SGD) or beta1 (Adam)."""
    return [float(g["momentum"]) if "momentum" in g else float(g["betas"][0]) for g in optimizer.param_groups]


def drive(optimizer, scheduler, steps: int, metrics=None, total_hint: str = "", record=group_lrs):
    """Run `steps` steps the right way round (optimizer.step(), then scheduler.step()).

    Returns, for each step, record(optimizer) as that step saw it: by default the
    lr of every param group.
    """
    seen = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for step in range(steps):
            seen.append(record(optimizer))
            optimizer.step()
            try:
                if metrics is None:
                    scheduler.step()
                else:
                    scheduler.step(metrics[step])
            except ValueError as exc:
                fail(f"scheduler.step() raised after step {step} of a run of {steps} steps:\n  {exc}",
                     hint=total_hint or "the scheduler was built for fewer steps than the run has.")
    return seen


def column(seq, group: int = 0) -> list[float]:
    return [row[group] for row in seq]


def _close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-12)


def _same(got, want) -> bool:
    return len(got) == len(want) and all(_close(g, w) for g, w in zip(got, want))


def _fmt(seq, lo: int, hi: int) -> str:
    return ", ".join(f"{v:.5g}" for v in seq[lo:hi])


def matching_mistake(got, mistakes) -> str | None:
    """The cause whose sequence equals `got`, if any."""
    got = [float(v) for v in got]
    return next((c for c, seq in (mistakes or {}).items() if _same(got, [float(v) for v in seq])), None)


def expect_lrs(got, want, what: str, *, hint: str | None = None, mistakes=None, unit: str = "step",
               quantity: str = "lr", plural: str = "learning rates") -> None:
    """Compare two sequences of learning rates (floats), naming the first step that differs."""
    got = [float(v) for v in got]
    want = [float(v) for v in want]
    cause = matching_mistake(got, mistakes)
    if len(got) != len(want):
        fail(f"{what}: expected {len(want)} {plural} (one per {unit}), got {len(got)}.\n"
             f"  expected [{_fmt(want, 0, 12)}{', ...' if len(want) > 12 else ''}]\n"
             f"  got      [{_fmt(got, 0, 12)}{', ...' if len(got) > 12 else ''}]", hint=cause or hint)
    for i, (g, w) in enumerate(zip(got, want)):
        if not _close(g, w):
            lo, hi = max(0, i - 3), min(len(want), i + 5)
            fail(f"{what}: {unit} {i} should train at {quantity} {w:.6g}, but got {g:.6g}.\n"
                 f"  {unit}s {lo}..{hi - 1} expected [{_fmt(want, lo, hi)}]\n"
                 f"  {unit}s {lo}..{hi - 1} got      [{_fmt(got, lo, hi)}]", hint=cause or hint)


def as_number(value, what: str) -> float:
    """A Python number (or a one-element tensor), as a float."""
    if value is None or value is Ellipsis:
        fail(f"{what} returned {value!r}, not a number.", hint="finish the TODO and `return` the learning rate.")
    if isinstance(value, torch.Tensor):
        if value.numel() != 1:
            fail(f"{what} returned a tensor of shape {tuple(value.shape)}; it should be one number.")
        return float(value.item())
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        fail(f"{what} returned {type(value).__name__} {value!r}; it should be a Python float.")
    return float(value)


def reported(report, name: str, values) -> None:
    """Stream a learning-rate curve to the learner's screen."""
    for i, v in enumerate(values):
        report(name, v, i)
