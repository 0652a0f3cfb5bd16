import torch

from dlings.testing import expect_close, expect_tensor, fail, no_loops


def expect_dtype_is(got, dtype, what, causes):
    got = expect_tensor(got, what)
    if got.dtype != dtype:
        fail(f"{what} has the wrong dtype.\n  expected {dtype}\n  got      {got.dtype}", hint=causes.get(got.dtype))


def _reference(length, d, exponent=lambda two_i, d: two_i / d, swap=False):
    t = torch.arange(length, dtype=torch.float64)
    two_i = torch.arange(0, d, 2, dtype=torch.float64)
    angles = torch.outer(t, 1.0 / 10000 ** exponent(two_i, d))
    pe = torch.zeros(length, d, dtype=torch.float64)
    pe[:, 0::2] = torch.cos(angles) if swap else torch.sin(angles)
    pe[:, 1::2] = torch.sin(angles) if swap else torch.cos(angles)
    return pe.float()


def test_values(exercise):
    for length, d in [(4, 6), (10, 8), (1, 2), (50, 16)]:
        what = f"positional_encoding({length}, {d})"
        got = exercise.positional_encoding(length, d)
        expect_dtype_is(got, torch.float32, what, {
            torch.int64: "the table is int64, so every sin/cos was truncated to an integer: make it float32 "
                         "(torch.zeros(length, d), not zeros_like of an int arange).",
            torch.float64: "ask for float32 (the default float dtype), not float64.",
        })
        expect_close(got, _reference(length, d), what, atol=1e-4, rtol=1e-4, mistakes={
            "sin and cos are swapped: sin goes into the even columns 0, 2, 4, ..., cos into the odd ones.":
                lambda: _reference(length, d, swap=True),
            "the exponent uses i / d instead of 2i / d: take arange(0, d, 2) (the even numbers) over d.":
                lambda: _reference(length, d, exponent=lambda two_i, d: two_i / 2 / d),
            "the exponent is 2i / d, but 10000 ** (2i / d) divides t; it does not multiply it.":
                lambda: _reference(length, d, exponent=lambda two_i, d: -two_i / d),
        })


def test_no_python_loops(exercise):
    no_loops(exercise.positional_encoding,
             instead="t[:, None] / 10000 ** (two_i / d) for the (length, d/2) angles, then "
                     "pe[:, 0::2] = torch.sin(angles) and pe[:, 1::2] = torch.cos(angles).")
