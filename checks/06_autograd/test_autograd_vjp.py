import torch
from torch.func import vjp as func_vjp

from dlings.testing import expect, expect_close


def _functions():
    g = torch.Generator().manual_seed(3)
    a = torch.randn(4, 5, generator=g)
    return [
        ("t.cumsum(0)", lambda t: t.cumsum(0), (6,)),
        ("t ** 3", lambda t: t ** 3, (5,)),
        ("a @ t (4 outputs from 5 inputs)", lambda t: a @ t, (5,)),
        ("torch.softmax(t, dim=1)", lambda t: torch.softmax(t, dim=1), (3, 4)),
    ]


def test_vjp(exercise):
    torch.manual_seed(0)
    for text, f, shape in _functions():
        x = torch.randn(shape)
        y, pullback = func_vjp(f, x)
        v = torch.randn(y.shape)
        got = exercise.vjp(f, x, v)
        (want,) = pullback(v)
        (with_ones,) = pullback(torch.ones_like(y))
        expect_close(got, want, f"vjp(f, x, v) for f(t) = {text}, x of shape {shape}", rtol=1e-5, atol=1e-6, mistakes={
            "this is the gradient of y.sum(), i.e. v = all ones: pass your v, y.backward(gradient=v).": with_ones,
            "multiplying the gradient of y.sum() by v afterwards is right only when each output depends on one "
            "input. Give v to backward itself: y.backward(gradient=v).": with_ones * v if with_ones.shape == v.shape
            else None,
        })
        expect(not x.requires_grad and x.grad is None, "the caller's x was changed: it now requires grad.",
               hint="keep working on the tracked copy the function makes for you; do not call requires_grad_ on x.")
