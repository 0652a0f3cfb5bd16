import torch

from dlings.testing import expect_close
from support_01_tensors import expect_dtype_is


def test_even_numbers(exercise):
    for n in [1, 5, 12]:
        what = f"even_numbers({n})"
        want = torch.arange(0, 2 * n, 2)
        got = exercise.even_numbers(n)
        expect_dtype_is(got, torch.int64, what, {
            torch.float32: "a float argument (2.0, or a float step) makes arange return float32; use ints.",
        })
        expect_close(got, want, what, mistakes={
            "arange leaves `end` out: to include 2n - 2, the end must be past it (2n).":
                torch.arange(0, 2 * n - 2, 2),
            "the end went one step too far: with end 2n + 2 you get n + 1 numbers.": torch.arange(0, 2 * n + 2, 2),
            "the step is missing: arange(end) counts 0, 1, 2, ...; pass step=2 (or multiply by 2).":
                torch.arange(n),
            "the step is missing: these are all the numbers below 2n, not only the even ones.": torch.arange(2 * n),
            "2, 4, ... starts at 2; the first even number here is 0.": torch.arange(2, 2 * n + 2, 2),
        })


def test_quarter_steps(exercise):
    for n in [1, 2, 5]:
        what = f"quarter_steps({n})"
        want = torch.arange(0, n, 0.25)
        got = exercise.quarter_steps(n)
        expect_dtype_is(got, torch.float32, what, {
            torch.int64: "with only int arguments arange makes int64 (and a step of 0.25 needs a float).",
            torch.float64: "ask for float32 (the default float dtype), not float64.",
        })
        expect_close(got, want, what, mistakes={
            "arange leaves `end` out, so n itself must not appear: the end is n, not n + 0.25.":
                torch.arange(0, n + 0.25, 0.25),
            "the end is n itself (left out by arange), not n - 0.25.": torch.arange(0, n - 0.25, 0.25),
            "quarters of n are n/4, n/4*2...: the step is 0.25 and the end is n.": torch.arange(0, n, n / 4),
        })
