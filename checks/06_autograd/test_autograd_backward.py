import torch
from torch.func import grad

from dlings.testing import expect, expect_close


def _functions():
    a = torch.randn(3, 5, generator=torch.Generator().manual_seed(1))
    return [
        ("(t ** 3).sum()", lambda t: (t ** 3).sum()),
        ("t.sin().sum() * 2", lambda t: t.sin().sum() * 2),
        ("torch.logsumexp(t.flatten(), 0)", lambda t: torch.logsumexp(t.flatten(), 0)),
        ("(a @ t).square().mean()", lambda t: (a @ t.reshape(5, -1)).square().mean()),
    ]


def test_gradient_matches_reference(exercise):
    torch.manual_seed(0)
    for shape, transposed in [((5,), False), ((5, 2), False), ((2, 5), True)]:
        for text, f in _functions():
            x = torch.randn(shape)
            if transposed:
                x = x.t()                      # non-contiguous input
            x_before = x.clone()
            got = exercise.gradient(f, x)
            what = f"gradient(f, x) for f(t) = {text}, x of shape {tuple(x.shape)}"
            expect_close(got, grad(f)(x_before), what, rtol=1e-5, atol=1e-6,
                         hint="None came back: finish the TODO. The gradient lands in .grad of the leaf you made "
                              "require grad (your copy of x), not in the .grad of f's output.")
            expect(not x.requires_grad and x.grad is None,
                   f"after {what}, the caller's x was changed: requires_grad={x.requires_grad}, "
                   f"x.grad={'set' if x.grad is not None else None}.",
                   hint="x.requires_grad_() switched tracking on for the caller's tensor. Make a copy first: "
                        "x.detach().clone().requires_grad_(True).")
            expect_close(x, x_before, f"the caller's x after {what}", hint="your code changed x in place.")
