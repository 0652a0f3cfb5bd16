"""Peak extra memory of standardize_(x): on the CPU the check follows every tensor torch makes while
the learner's code runs (support_24_performance.PeakBytes: new storages, freed when the tensor dies);
on CUDA, torch.cuda.max_memory_allocated() above what was allocated before. In place, the peak is a
few bytes (mean and std; on CUDA a reduction's small workspace); x - x.mean() alone is one full copy.
The bar is a quarter of x. Values use x.std()'s default (unbiased) estimate: a size-3 input shows it.
"""
import contextlib

import pytest
import torch

from dlings.testing import expect, expect_close, fail
from support_24_performance import PeakBytes, devices


def _reference(x):
    return (x - x.mean()) / x.std()


def _run(exercise, x, what, measure=contextlib.nullcontext):
    before = x.clone()
    ptr = x.data_ptr()
    with measure():
        got = exercise.standardize_(x)
    if got is None:
        fail(f"{what} returned None.", hint="finish the TODO and `return` x.")
    expect(isinstance(got, torch.Tensor), f"{what} returned {type(got).__name__}; x itself is expected.")
    expected = _reference(before)
    if torch.equal(x, before):
        fail(f"{what} left x unchanged.", hint="x - x.mean() makes a NEW tensor and leaves x alone: the in-place "
                                             "forms x.sub_(...) / x.div_(...) (or x -= ..., x /= ...) write into x.")
    if got.data_ptr() != ptr:
        fail(f"{what} returned a new tensor, not x.", hint="x = x / s binds the name x to a new tensor: every step "
                                                         "must be in place (x.div_(s), or x /= s), then return x.")
    population = (before - before.mean()) / before.std(correction=0)
    expect_close(got, expected, what=what, rtol=1e-4, atol=1e-5,
                 mistakes={"that divides by the population std (correction=0); use x.std() as torch computes it "
                           "by default (the unbiased estimate, dividing by n - 1).": population})


def test_values(exercise):
    torch.manual_seed(0)
    for shape in [(3,), (4, 5), (2, 3, 7)]:
        for dtype in (torch.float32, torch.float64):
            x = (torch.randn(shape) * 3 + 5).to(dtype)
            _run(exercise, x, f"standardize_(x) for x of shape {shape}, {dtype}")


@pytest.mark.parametrize("device", devices())
def test_peak_memory(exercise, device):
    n = 4 * 2**20 if device == "cuda" else 2**18
    x = (torch.randn(n, generator=torch.Generator().manual_seed(1)) * 2 + 1).to(device)
    size = x.nbytes
    what = f"standardize_(x) for x of {n} float32 numbers ({size // 2**20} MiB) on {device}"
    peaks = []

    @contextlib.contextmanager
    def measure():
        if device == "cuda":
            torch.cuda.synchronize()
            base = torch.cuda.memory_allocated()
            torch.cuda.reset_peak_memory_stats()
            yield
            torch.cuda.synchronize()
            peaks.append(torch.cuda.max_memory_allocated() - base)
        else:
            with PeakBytes() as memory:
                yield
            peaks.append(memory.peak)

    _run(exercise, x, what, measure)
    peak = peaks[0]
    if peak > size // 4:
        fail(f"{what} needed {peak / size:.2f} times the size of x in extra memory at its peak; expected under 0.25.",
             hint="a full-size temporary was made: (x - m) / s builds new tensors even when the result is copied "
                  "back into x. Compute mean and std first, then x.sub_(mean) and x.div_(std).")
