"""try_step is the check's: a simulated device where sizes up to a bound work, and steps of a small MLP
that raise torch.OutOfMemoryError when the bytes they need (weights, gradients, activations) exceed
a budget: the same on every machine. Calls are counted against 2 * ceil(log2(limit)) + 2; a
RuntimeError that is not running out of memory must reach the caller.
"""
import math

import pytest
import torch
from torch import nn

from dlings.testing import expect, fail


def _budget(limit):
    return 2 * math.ceil(math.log2(limit)) + 2 if limit > 1 else 2


def _search(exercise, try_step, limit, what):
    calls = []
    budget = _budget(limit)

    def counted(b):
        calls.append(b)
        if len(calls) > budget:  # stop a one-by-one search early
            fail(f"{what} called try_step more than {budget} times (the last: try_step({b})).",
                 hint="trying 1, 2, 3, ... one by one costs a step per size: double first, then bisect.")
        expect(isinstance(b, int) and not isinstance(b, bool) and b >= 1,
               f"{what} called try_step({b!r}); batch sizes are whole numbers from 1 up.")
        expect(b <= limit, f"{what} called try_step({b}), above the limit {limit}.",
               hint="never try a size above limit: cap the doubling there.")
        return try_step(b)

    got = exercise.largest_batch(counted, limit)
    if got is None:
        fail(f"{what} returned None.", hint="finish the TODO and `return` the batch size.")
    if isinstance(got, torch.Tensor) and got.numel() == 1:
        got = got.item()
    expect(isinstance(got, int) and not isinstance(got, bool), f"{what} returned {type(got).__name__} {got!r}; "
                                                               "an int is expected.")
    return got, calls


def _simulated(largest):
    def try_step(b):
        if b > largest:
            raise torch.OutOfMemoryError(f"out of memory: tried batch size {b}")
    return try_step


@pytest.mark.parametrize("largest, limit", [(37, 1024), (1, 64), (0, 64), (64, 64), (600, 1000), (1000, 1000),
                                            (5000, 1000), (2, 3), (3, 3)])
def test_simulated(exercise, largest, limit):
    what = f"largest_batch(try_step, limit={limit}) on a device where batches up to {largest} fit"
    got, calls = _search(exercise, _simulated(largest), limit, what)
    expected = min(largest, limit)
    budget = _budget(limit)
    if got != expected:
        tried = sorted(set(calls))
        if got == expected + 1 or (got > expected and got not in [b for b in calls if b <= largest]):
            hint = "that size did not fit: return the last size that worked, not the first that failed."
        elif got < expected and got & (got - 1) == 0 and expected < limit:
            hint = ("doubling alone finds a power of two; bisect between the last size that worked and the first "
                    "that failed.")
        else:
            hint = "keep two sizes: the largest that worked and the smallest that failed, and bisect until they meet."
        fail(f"{what} returned {got}; expected {expected}. It tried {tried[:16]}{'...' if len(tried) > 16 else ''}.",
             hint=hint)
    expect(len(calls) <= budget, f"{what} called try_step {len(calls)} times; at most {budget} are allowed.",
           hint="trying 1, 2, 3, ... one by one costs a step per size: double first, then bisect.")


def test_other_errors_propagate(exercise):
    def try_step(b):
        if b > 40:
            raise torch.OutOfMemoryError(f"out of memory: tried batch size {b}")
        if b > 10:
            raise RuntimeError("mat1 and mat2 shapes cannot be multiplied (16x7 and 8x3)")

    what = "largest_batch(try_step, 1000) where sizes above 10 raise a RuntimeError that is not out of memory"
    try:
        got = exercise.largest_batch(try_step, 1000)
    except RuntimeError as exc:
        if isinstance(exc, torch.OutOfMemoryError):
            raise
        return
    fail(f"{what} returned {got!r}; the error should have reached the caller.",
         hint="catch torch.OutOfMemoryError only: `except RuntimeError` (or Exception) also hides real bugs, such as "
              "this shape error, and reports them as 'too big'.")


def test_mlp_memory_budget(exercise):
    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(64, 256), nn.ReLU(), nn.Linear(256, 10))
    params = sum(p.numel() for p in model.parameters())
    budget = 600_000  # bytes

    def needs(b):  # float32 weights and gradients, the input and the activations kept for backward
        return 4 * (2 * params + b * (64 + 256 + 256 + 10))

    def try_step(b):
        if needs(b) > budget:
            raise torch.OutOfMemoryError(f"out of memory: batch size {b} needs {needs(b)} bytes of {budget}")
        model(torch.randn(b, 64)).square().mean().backward()
        model.zero_grad(set_to_none=True)

    expected = (budget // 4 - 2 * params) // (64 + 256 + 256 + 10)
    what = f"largest_batch(try_step, 4096) for the steps of an MLP on a device with {budget} bytes"
    got, calls = _search(exercise, try_step, 4096, what)
    expect(got == expected, f"{what} returned {got}; the largest batch that fits is {expected}.",
           hint="keep two sizes: the largest that worked and the smallest that failed, and bisect until they meet.")
