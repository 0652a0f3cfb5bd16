import torch

from dlings.testing import expect, expect_close, expect_equal, expect_grad, fail
from support_07_custom_autograd import FakeCtx, backward_explained, expect_custom_function, upstream_like


def _call_backward(fn, needs, x, y, scale, g):
    ctx = FakeCtx(needs)
    fn.forward(ctx, x, y, scale)
    out = fn.backward(ctx, g)
    if not isinstance(out, tuple):
        fail(f"backward returned {type(out).__name__}, not a tuple of three (grad_x, grad_y, None).",
             hint="return grad_x, grad_y, None: one entry per forward input, None for the float scale.")
    expect_equal(len(out), 3, what="the number of values backward returns",
                 hint="forward takes x, y and scale, so backward returns three: grad_x, grad_y, None.")
    return out


def test_both_gradients(exercise):
    expect_custom_function(exercise.ScaledMul, "ScaledMul")
    torch.manual_seed(0)
    for shape, scale in [((5,), 2.5), ((3, 4), -0.5)]:
        x = torch.randn(shape, requires_grad=True)
        y = torch.randn(shape, requires_grad=True)
        out = exercise.ScaledMul.apply(x, y, scale)
        g = upstream_like(out)
        backward_explained(out, g, "ScaledMul.apply(x, y, scale)")
        xd, yd = x.detach(), y.detach()
        expect_grad(x, g * scale * yd, what=f"x.grad (shape {shape}, scale {scale})",
                    mistakes={"the factor scale is missing from grad_x.": g * yd})
        expect_grad(y, g * scale * xd, what=f"y.grad (shape {shape}, scale {scale})",
                    mistakes={"the factor scale is missing from grad_y.": g * xd})


def test_skips_unneeded_gradients(exercise):
    torch.manual_seed(1)
    x, y = torch.randn(4, 3), torch.randn(4, 3)
    g = torch.randn(4, 3)
    for needs, label in [((True, False, False), "y"), ((False, True, False), "x")]:
        grad_x, grad_y, grad_scale = _call_backward(exercise.ScaledMul, needs, x, y, 3.0, g)
        skipped, kept = (grad_y, grad_x) if label == "y" else (grad_x, grad_y)
        expect(skipped is None,
               f"with ctx.needs_input_grad = {needs}, backward still returned a gradient for {label}.",
               hint=f"compute grad_{label} only `if ctx.needs_input_grad[{0 if label == 'x' else 1}]`; "
                    "otherwise leave it None (no work done).")
        other = "x" if label == "y" else "y"
        expect_close(kept, g * 3.0 * (y if other == "x" else x),
                     what=f"grad_{other} with ctx.needs_input_grad = {needs}")
        expect(grad_scale is None, "backward returned something for scale, a plain float.",
               hint="return None as the third value.")
    grads = _call_backward(exercise.ScaledMul, (False, False, False), x, y, 3.0, g)
    expect(grads[0] is None and grads[1] is None,
           "with ctx.needs_input_grad all False, backward should return (None, None, None).")


def test_gradcheck_float64(exercise):
    torch.manual_seed(2)
    x = torch.randn(3, 2, dtype=torch.float64, requires_grad=True)
    y = torch.randn(3, 2, dtype=torch.float64, requires_grad=True)
    ok = torch.autograd.gradcheck(lambda a, b: exercise.ScaledMul.apply(a, b, 1.7), (x, y), raise_exception=False)
    expect(ok, "torch.autograd.gradcheck (float64) finds that ScaledMul.backward does not match the numerical derivative.")
