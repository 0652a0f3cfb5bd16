"""Helpers shared by the checks of 03_math_ops."""
from __future__ import annotations

import traceback
from typing import Any, Callable

import torch

from dlings.testing import fail, tensor_summary

_SCALAR_ONLY = ("Python scalars", "must be real number, not Tensor", "only integer tensors of a single element")


_RUNTIME_HINTS = [
    ("must be a matrix", "torch.mm only takes 2-D matrices; `@` (torch.matmul) also handles vectors and "
                         "broadcasts over leading batch dimensions."),
    ("view size is not compatible", "view() never copies, so it cannot merge dims of a non-contiguous tensor "
                                    "(a transposed or permuted one). Use reshape(), which copies when it must, "
                                    "or avoid flattening: reductions take dim=-1 directly."),
    ("must be a 3D tensor", "torch.bmm takes exactly 3-D tensors (batch, n, m); `@` broadcasts over any number "
                            "of batch dimensions."),
]


def call(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Call the learner's function; explain two errors whose own text misleads.

    - Python's `math` module works on one number; handed a tensor of several
      elements it raises a message that does not say so.
    - torch raises NotImplementedError for an op that does not support a dtype
      (mean() of an int64 tensor); the runner would read that as an unfinished
      `raise NotImplementedError` TODO.
    """
    learner_file = getattr(getattr(fn, "__code__", None), "co_filename", None)
    try:
        return fn(*args, **kwargs)
    except NotImplementedError as exc:
        frames = traceback.extract_tb(exc.__traceback__)
        if frames and frames[-1].filename == learner_file and "raise" in (frames[-1].line or ""):
            raise  # the learner's own `raise NotImplementedError`: the TODO is not done
        fail(f"Your code raised NotImplementedError{_line(exc, learner_file)}: {str(exc).strip()[:300]}",
             hint="torch has no version of this op for the dtype you gave it. mean() and friends need "
                  "floats: convert an integer or bool tensor first with .float().")
    except RuntimeError as exc:
        text = str(exc)
        for pattern, hint in _RUNTIME_HINTS:
            if pattern in text:
                fail(f"Your code raised RuntimeError{_line(exc, learner_file)}: {text.splitlines()[0][:300]}", hint=hint)
        raise
    except (TypeError, ValueError) as exc:
        text = str(exc)
        if not any(part in text for part in _SCALAR_ONLY):
            raise
        fail(f"Your code raised {type(exc).__name__}{_line(exc, learner_file)}: {text}",
             hint="a function from Python's `math` module (math.exp, math.tanh, math.sqrt, math.log...) got a "
                  "tensor; it only takes one number. Use torch.exp / torch.tanh / torch.sqrt / torch.log, "
                  "which work on every element at once.")


def _line(exc: BaseException, learner_file: str | None) -> str:
    lines = [f.lineno for f in traceback.extract_tb(exc.__traceback__) if f.filename == learner_file]
    return f" at line {lines[-1]} of your file" if lines else ""


def as_float(value: Any, what: str) -> float:
    """A Python float from a float or a one-element tensor, or a clear failure."""
    if isinstance(value, torch.Tensor):
        if value.numel() != 1:
            fail(f"{what} should be one number, but it is a tensor of shape {tuple(value.shape)}.",
                 hint="reduce it to a single number (.mean(), .sum(), .item()).")
        return float(value.item())
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    if value is None or value is Ellipsis:
        fail(f"{what} should be a number, but it is {value!r}.",
             hint="the TODO is not finished: `return` the number.")
    fail(f"{what} should be a number (a float or a one-element tensor), but it is a {type(value).__name__}.")
    raise AssertionError  # unreachable


SOFTMAX_FAMILY = [
    "torch.softmax", "torch.log_softmax", "torch.logsumexp", "torch.special.softmax", "torch.special.log_softmax",
    "torch.special.logsumexp", "torch.nn.functional.softmax", "torch.nn.functional.log_softmax",
    "torch.Tensor.softmax", "torch.Tensor.log_softmax", "torch.Tensor.logsumexp",
]
SOFTMAX_NAMES = ["softmax", "log_softmax", "logsumexp", "Softmax", "LogSoftmax"]


def stability_inputs():
    """(label, x, dim) cases: ordinary ones first, then the ones that break naive formulas."""
    g = torch.Generator().manual_seed(0)
    yield "x of shape (4, 4), dim=1", torch.randn(4, 4, generator=g) * 2, 1
    yield "x of shape (3, 5), dim=1", torch.randn(3, 5, generator=g), 1
    yield "x of shape (5, 3), dim=0", torch.randn(5, 3, generator=g), 0
    yield "x of shape (2, 3, 4), dim=-1", torch.randn(2, 3, 4, generator=g), -1
    yield "x of shape (2, 6) with values near 1000, dim=1", torch.randn(2, 6, generator=g) + 1000.0, 1
    big = torch.randn(3, 5, generator=g)
    big[0] += 1000.0
    big[2] -= 1000.0
    yield "x of shape (3, 5) whose rows are near +1000, 0 and -1000, dim=1", big, 1


def speedup(slow: Callable[..., Any], fast: Callable[..., Any], args: tuple, enough: float,
            slow_number: int = 2, tries: int = 2) -> tuple[float, float, float]:
    """How many times faster `fast` runs than `slow` on `args`, timed in this run with torch.utils.benchmark.

    Returns (ratio, slow_seconds, fast_seconds). When the ratio is below `enough`, it measures again
    (up to `tries` times) and keeps the best, so that a busy machine does not fail a correct answer.
    `fast` is timed with blocked_autorange, which stays short even when `fast` is slow.
    """
    from torch.utils import benchmark

    best = (0.0, 0.0, 0.0)
    for _ in range(tries):
        t_slow = benchmark.Timer("f(*a)", globals={"f": slow, "a": args}).timeit(slow_number).median
        t_fast = benchmark.Timer("f(*a)", globals={"f": fast, "a": args}).blocked_autorange(min_run_time=0.05).median
        ratio = t_slow / max(t_fast, 1e-12)
        if ratio > best[0]:
            best = (ratio, t_slow, t_fast)
        if best[0] >= enough:
            break
    return best


def python_float(value: Any, what: str) -> float:
    """Like as_float, for results the docstring asks for as a Python float: a tensor fails with a hint."""
    if isinstance(value, torch.Tensor):
        fail(f"{what} should be a Python float, but it is a tensor ({tensor_summary(value)}).",
             hint="the docstring asks for a Python float: turn the one-element tensor into one with .item() "
                  "(or float(...)).")
    return as_float(value, what)
