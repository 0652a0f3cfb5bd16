import torch
import torch.nn.functional as F

from dlings.testing import expect_close, forbid_calls, expect_not_calling
from support_10_layers import torch_names

BANNED = ["torch.nn.functional.linear", "torch.addmm", "torch.nn.Linear"]
WHY = "the point is to write the matrix product yourself: x @ weight.T (+ bias)."


def test_linear_matches_torch(exercise):
    torch.manual_seed(0)
    for shape, out_f, use_bias in [((5, 3), 4, True), ((2, 7, 6), 6, True), ((4,), 2, True), ((3, 5), 5, False)]:
        in_f = shape[-1]
        x = torch.randn(shape)
        w = torch.randn(out_f, in_f)
        b = torch.randn(out_f) if use_bias else None
        with forbid_calls(BANNED, why=WHY):
            got = exercise.linear(x, w, b)
        mistakes = {"you forgot to add the bias.": F.linear(x, w)}
        if in_f == out_f:
            mistakes["you multiplied by weight instead of weight.T (weight is (out_features, in_features))."] = \
                (x @ w + (b if b is not None else 0))
        expect_close(got, F.linear(x, w, b),
                     what=f"linear(x, weight, bias) for x {tuple(shape)}, weight {tuple(w.shape)}, "
                          f"bias {'None' if b is None else tuple(b.shape)}",
                     mistakes=mistakes)


def test_linear_gradients(exercise):
    torch.manual_seed(1)
    x = torch.randn(3, 4, dtype=torch.float64, requires_grad=True)
    w = torch.randn(2, 4, dtype=torch.float64, requires_grad=True)
    b = torch.randn(2, dtype=torch.float64, requires_grad=True)
    with forbid_calls(BANNED, why=WHY):
        out = exercise.linear(x, w, b)
    expect_close(out, F.linear(x, w, b), what="linear(x, weight, bias) in float64")
    out.sum().backward()
    expect_close(w.grad, torch.ones(3, 2, dtype=torch.float64).T @ x.detach(), what="the gradient of weight")
    expect_close(b.grad, torch.full((2,), 3.0, dtype=torch.float64), what="the gradient of bias")


def test_not_using_functional(exercise):
    expect_not_calling(exercise.linear, torch_names("linear", "addmm", "Linear"), why=WHY)
