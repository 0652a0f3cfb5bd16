import torch
import torch.nn.functional as F

from dlings.testing import expect_close, expect_not_calling, forbid_calls, no_loops
from support_03_math_ops import call

WHY = "write the bilinear form yourself with torch.einsum."


def test_bilinear_values(exercise):
    torch.manual_seed(0)
    # (N, in1, in2, out); the first has in1 == in2, where swapping x1 and x2 raises no error
    for n, i1, i2, out in [(5, 3, 3, 2), (4, 3, 5, 6), (1, 2, 7, 1), (6, 4, 1, 3)]:
        x1, x2 = torch.randn(n, i1), torch.randn(n, i2)
        W, b = torch.randn(out, i1, i2), torch.randn(out)
        with forbid_calls(["torch.nn.functional.bilinear", "torch.bilinear"], why=WHY):
            got = call(exercise.bilinear, x1, x2, W, b)
        expect_close(
            got, F.bilinear(x1, x2, W, b), what=f"bilinear(x1, x2, W, b) with x1 {tuple(x1.shape)}, x2 {tuple(x2.shape)}, "
            f"W {tuple(W.shape)}", rtol=1e-5, atol=1e-5,
            mistakes={
                "the bias b is missing.": lambda: F.bilinear(x1, x2, W),
                "x1 and x2 swapped roles: x1's index must meet W's SECOND dim (i), x2's the third (j).":
                    lambda: torch.einsum("nj,oij,ni->no", x1, W, x2) + b if i1 == i2 else None,
                "the output is transposed: \"->on\" gives (out, N); the result is (N, out).":
                    lambda: (torch.einsum("ni,oij,nj->on", x1, W, x2) + b[:, None]),
            },
        )


def test_no_loops(exercise):
    no_loops(exercise.bilinear)


def test_no_builtin_bilinear(exercise):
    expect_not_calling(exercise.bilinear, ["bilinear", "Bilinear"], why=WHY)
