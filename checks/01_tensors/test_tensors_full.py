import math

import torch

from dlings.testing import expect_close, expect_shape
from support_01_tensors import expect_dtype_is


def test_ignore_labels(exercise):
    for n in [1, 3, 8]:
        what = f"ignore_labels({n})"
        got = exercise.ignore_labels(n)
        expect_shape(got, (n,), what)
        expect_dtype_is(got, torch.int64, what, {
            torch.float32: "torch.full takes its dtype from the value: -100.0 makes floats, -100 makes int64.",
            torch.int32: "class labels are int64 (torch.long), not int32.",
        })
        expect_close(got, torch.full((n,), -100), what)


def test_masked_scores(exercise):
    for rows, cols in [(2, 3), (1, 5), (4, 4)]:
        what = f"masked_scores({rows}, {cols})"
        got = exercise.masked_scores(rows, cols)
        expect_shape(got, (rows, cols), what)
        expect_dtype_is(got, torch.float32, what, {
            torch.int64: "an int tensor cannot hold -inf; fill with a float: -math.inf or float('-inf').",
            torch.float64: "ask for float32 (the default float dtype), not float64.",
        })
        expect_close(got, torch.full((rows, cols), -math.inf), what, mistakes={
            "a very negative number is not minus infinity: softmax still gives it a tiny probability. "
            "Use -math.inf.": torch.full((rows, cols), -1e9),
            "a very negative number is not minus infinity: use -math.inf.": torch.full((rows, cols), -1e4),
            "+inf instead of -inf: mind the sign.": torch.full((rows, cols), math.inf),
        })
