import torch
import torch.nn.functional as F

from dlings.testing import expect_close, expect_not_calling, forbid_calls
from support_03_math_ops import call

WHY = "write the product yourself with @ (torch.matmul)."


def test_linear(exercise):
    torch.manual_seed(0)
    # (x shape, out_features): square W first, where x @ W runs without error but is wrong
    for x_shape, out in [((4, 4), 4), ((5, 3), 4), ((2, 6, 3), 5), ((3,), 2), ((2, 3, 4, 4), 4)]:
        x = torch.randn(x_shape)
        W = torch.randn(out, x_shape[-1])
        b = torch.randn(out)
        with forbid_calls(["torch.nn.functional.linear"], why=WHY):
            got = call(exercise.linear, x, W, b)
        expect_close(
            got, F.linear(x, W, b), what=f"linear(x, W, b) for x of shape {x_shape} and W of shape {tuple(W.shape)}",
            rtol=1e-5, atol=1e-5,
            mistakes={
                "x @ W uses W as (in, out), but W is stored as (out, in): transpose it (W.T).": lambda: x @ W + b,
                "the bias b is missing.": lambda: x @ W.T,
                "x * W multiplies element by element; a matrix product is x @ W.T.": lambda: x * W + b,
                "x * W.T multiplies element by element; a matrix product is x @ W.T.": lambda: x * W.T + b,
            },
        )


def test_no_builtin_linear(exercise):
    expect_not_calling(exercise.linear, ["linear", "Linear"], why=WHY)
