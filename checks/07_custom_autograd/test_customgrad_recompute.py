import torch
import torch.nn.functional as F

from dlings.testing import expect, expect_close, expect_grad, fail
from support_07_custom_autograd import (SavedBytes, backward_explained, ctx_tensor_attributes, expect_custom_function,
                                        expect_uses_function, upstream_like)


def test_values_and_gradient(exercise):
    expect_custom_function(exercise.SiLURecompute, "SiLURecompute")
    torch.manual_seed(0)
    for shape in [(7,), (3, 4, 2)]:
        x = (torch.randn(shape) * 3).requires_grad_()
        y = exercise.SiLURecompute.apply(x)
        expect_close(y, F.silu(x.detach()), what=f"SiLURecompute.apply(x), x of shape {shape}")
        expect_uses_function(y, exercise.SiLURecompute, "SiLURecompute.apply(x)")
        g = upstream_like(y)
        backward_explained(y, g, "SiLURecompute.apply(x)")
        xd = x.detach()
        s = torch.sigmoid(xd)
        expect_grad(x, g * (s + xd * s * (1 - s)), what=f"x.grad, x of shape {shape}",
                    mistakes={"you returned grad_out * sigmoid(x), the derivative of x * s with s held "
                              "constant: add the x * s * (1 - s) term.": g * s,
                              "the s term is missing: d(x*s)/dx = s + x * s * (1 - s).": g * xd * s * (1 - s)})


def test_gradcheck_float64(exercise):
    torch.manual_seed(1)
    x = torch.randn(6, dtype=torch.float64, requires_grad=True)
    ok = torch.autograd.gradcheck(exercise.SiLURecompute.apply, (x,), raise_exception=False)
    expect(ok, "torch.autograd.gradcheck (float64) finds that SiLURecompute.backward does not match the "
               "numerical derivative.")


def test_saves_only_the_input(exercise):
    x = torch.randn(64, 64, requires_grad=True)
    with SavedBytes() as saved:
        y = exercise.SiLURecompute.apply(x)
    attrs = ctx_tensor_attributes(y)
    if attrs:
        fail(f"forward stores tensors as ctx attributes ({', '.join('ctx.' + a for a in attrs)}).",
             hint="keep only x, with ctx.save_for_backward(x), and recompute sigmoid(x) in backward.")
    x_bytes = x.numel() * x.element_size()
    if saved.bytes > x_bytes:
        fail(f"forward saves {saved.count} tensors ({saved.bytes // 1024} KiB) for backward; only x "
             f"({x_bytes // 1024} KiB) is needed.",
             hint="save x alone and recompute s = torch.sigmoid(x) inside backward.")
