import torch
from torch.autograd.functional import jacobian as reference_jacobian

from dlings.testing import expect_close, forbid_calls

BANNED = ["torch.autograd.functional.jacobian", "torch.func.jacrev", "torch.func.jacfwd"]


def _functions():
    g = torch.Generator().manual_seed(5)
    a = torch.randn(3, 5, generator=g)
    c = torch.randn(4, 4, generator=g)
    return [
        ("torch.softmax(c @ t, 0)", lambda t: torch.softmax(c @ t, 0), 4),
        ("a @ torch.tanh(t)  (3 outputs, 5 inputs)", lambda t: a @ torch.tanh(t), 5),
        ("t ** 3", lambda t: t ** 3, 3),
        ("t.cumsum(0) * t", lambda t: t.cumsum(0) * t, 4),
    ]


def test_jacobian(exercise):
    torch.manual_seed(0)
    for text, f, n in _functions():
        x = torch.randn(n)
        want = reference_jacobian(f, x)
        with forbid_calls(BANNED, why="build J from one gradient per output row (torch.autograd.grad or backward)."):
            got = exercise.jacobian(f, x)
        expect_close(got, want, f"jacobian(f, x) for f(t) = {text}, x of size {n}", rtol=1e-5, atol=1e-6, mistakes={
            "row i holds the sum of rows 0..i: with backward(), x.grad accumulates. Zero x.grad (or set it to None) "
            "after taking each row, or use torch.autograd.grad, which returns the gradient.": want.cumsum(0),
            "every row is the same (the sum of all rows): either each row differentiated y.sum() instead of "
            "y[i], or you appended x.grad itself, which is updated in place; use torch.autograd.grad(y[i], x, ...) "
            "or append x.grad.clone().": want.sum(0, keepdim=True).expand_as(want),
            "this is J transposed: row i must be the gradient of y[i] (stack rows along dim 0).": want.t(),
        })
