import math

import torch
import torch.nn.functional as F

from dlings.testing import expect_close, expect_not_calling, forbid_calls
from support_03_math_ops import call

C = math.sqrt(2.0 / math.pi)


def test_gelu_tanh_values(exercise):
    torch.manual_seed(0)
    for shape, dtype in [((7,), torch.float32), ((3, 5), torch.float32), ((2, 3, 4), torch.float64), ((), torch.float32)]:
        x = torch.randn(shape, dtype=dtype) * 3
        with forbid_calls(["torch.nn.functional.gelu"], why="write the formula yourself from element-wise ops."):
            got = call(exercise.gelu_tanh, x)
        expect_close(
            got, F.gelu(x, approximate="tanh"), what=f"gelu_tanh(x) for x of shape {tuple(shape)} and dtype {dtype}",
            rtol=1e-5, atol=1e-5,
            mistakes={
                "the leading 0.5 is missing.": lambda: x * (1 + torch.tanh(C * (x + 0.044715 * x**3))),
                "x * 3 multiplies by three; the formula needs x cubed: x ** 3.": lambda: 0.5 * x * (1 + torch.tanh(C * (x + 0.044715 * x * 3))),
                "that is the sigmoid approximation x * sigmoid(1.702 x); this exercise asks for the tanh formula.": lambda: x * torch.sigmoid(1.702 * x),
                "sqrt(2 / pi) is missing (or used as 2 / pi) inside the tanh.": lambda: 0.5 * x * (1 + torch.tanh(x + 0.044715 * x**3)),
            },
        )


def test_no_builtin_gelu(exercise):
    expect_not_calling(exercise.gelu_tanh, ["gelu", "GELU"], why="write the formula yourself from element-wise ops.")
