import random

import torch

from dlings.testing import expect_close
from support_01_tensors import expect_dtype_is

CAUSES = {
    torch.int64: "torch.tensor keeps Python ints as int64: pass dtype=torch.float32 (or call .float()).",
    torch.float64: "float64 is double precision; the exercise asks for float32 (torch.float32 / .float()).",
    torch.int32: "int32 is still an integer dtype; ask for torch.float32.",
}


def _rows(rng, shape, kind):
    if len(shape) == 1:
        return [kind(rng) for _ in range(shape[0])]
    return [_rows(rng, shape[1:], kind) for _ in range(shape[0])]


def test_int_lists_become_float32(exercise):
    rng = random.Random(0)
    for shape in [(4,), (2, 3), (3, 1), (2, 2, 3)]:
        rows = _rows(rng, shape, lambda r: r.randint(-9, 9))
        got = exercise.as_float_tensor(rows)
        what = f"as_float_tensor({rows})" if len(shape) < 3 else f"as_float_tensor(a nested list of shape {shape})"
        expect_dtype_is(got, torch.float32, what, CAUSES)
        expect_close(got, torch.tensor(rows, dtype=torch.float32), what,
                     hint="keep the nesting of `rows`: one tensor dimension per level of lists.")


def test_float_and_mixed_lists(exercise):
    for rows in ([[0.5, 1.25], [2.0, -3.5]], [1, 2.5, 3], [[7]]):
        got = exercise.as_float_tensor(rows)
        expect_dtype_is(got, torch.float32, f"as_float_tensor({rows})", CAUSES)
        expect_close(got, torch.tensor(rows, dtype=torch.float32), f"as_float_tensor({rows})",
                     hint="the values must be kept exactly: no rounding to integers on the way.")
