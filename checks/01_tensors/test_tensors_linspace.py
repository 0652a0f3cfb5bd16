import torch

from dlings.testing import expect_close
from support_01_tensors import expect_dtype_is

FLOAT = {torch.int64: "these points are fractions: make them float32 (linspace does).",
         torch.float64: "ask for float32 (the default float dtype), not float64."}


def _float_step(a, b, count):
    step = (b - a) / (count - 1)
    return torch.arange(a, b + step, step)


def test_sample_points(exercise):
    for a, b, n in [(0, 1, 5), (0, 1, 7), (-2.0, 3.0, 11), (0, 1, 10), (1.5, -1.5, 4)]:
        what = f"sample_points({a}, {b}, {n})"
        got = exercise.sample_points(a, b, n)
        expect_dtype_is(got, torch.float32, what, FLOAT)
        expect_close(got, torch.linspace(a, b, n), what, atol=1e-5, mistakes={
            "b must be included too: linspace includes both ends (arange leaves the end out).":
                lambda: torch.arange(a, b, (b - a) / n),
            "the third argument of linspace is how many points, not the spacing.":
                lambda: torch.linspace(a, b, n + 1),
            "arange with a float step: rounding decides whether the last point makes it in. "
            "Let linspace count the points.": lambda: _float_step(a, b, n),
        })


def test_bin_edges(exercise):
    for lo, hi, bins in [(0, 10, 4), (-1.0, 1.0, 1), (0.5, 2.5, 8)]:
        what = f"bin_edges({lo}, {hi}, {bins})"
        got = exercise.bin_edges(lo, hi, bins)
        expect_dtype_is(got, torch.float32, what, FLOAT)
        expect_close(got, torch.linspace(lo, hi, bins + 1), what, atol=1e-5, mistakes={
            "off by one: `bins` bins have bins + 1 edges (one bin has two edges).":
                lambda: torch.linspace(lo, hi, bins),
            "the edges must cover [lo, hi] exactly: first edge lo, last edge hi.":
                lambda: torch.linspace(lo, hi, bins + 2)[:-1],
        })
