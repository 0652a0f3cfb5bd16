import torch

from dlings.testing import expect_close, expect
from support_07_custom_autograd import backward_explained, expect_custom_function, expect_uses_function, upstream_like


def test_forward_values(exercise):
    expect_custom_function(exercise.Cube, "Cube")
    torch.manual_seed(0)
    for shape in [(5,), (3, 4)]:
        x = torch.randn(shape)
        expect_close(exercise.Cube.apply(x), x ** 3, what=f"Cube.apply(x) for x of shape {shape}",
                     mistakes={"you returned 3 * x**2 (the derivative) from forward.": 3 * x ** 2})


def test_gradient_matches_autograd(exercise):
    torch.manual_seed(1)
    for shape, transposed in [((6,), False), ((2, 3, 4), False), ((5, 3), True)]:
        x = torch.randn(shape[::-1] if transposed else shape)
        x = (x.t() if transposed else x).requires_grad_()   # (5, 3) case: a non-contiguous view
        y = exercise.Cube.apply(x)
        expect_uses_function(y, exercise.Cube, "Cube.apply(x)")
        g = upstream_like(y)
        backward_explained(y, g, "Cube.apply(x)")
        xd = x.detach()
        expect_close(x.grad, g * 3 * xd ** 2, what=f"x.grad after Cube.apply(x).backward(g), x of shape {shape}",
                     mistakes={
                         "backward ignores grad_out: multiply your local derivative by grad_out (chain rule).":
                             3 * xd ** 2,
                         "the factor 3 of d(x^3)/dx = 3x^2 is missing.": g * xd ** 2,
                         "you used the output (x**3) where the derivative needs the input x: save x, not the result.":
                             g * 3 * xd ** 6,
                         "d(x^3)/dx is 3x^2, not 3x.": g * 3 * xd,
                     })


def test_gradcheck_float64(exercise):
    torch.manual_seed(2)
    x = torch.randn(4, 3, dtype=torch.float64, requires_grad=True)
    ok = torch.autograd.gradcheck(exercise.Cube.apply, (x,), raise_exception=False)
    expect(ok, "torch.autograd.gradcheck (float64) finds that Cube.backward does not match the numerical derivative.",
           hint="backward must return grad_out * 3 * x**2 for the x saved in forward.")


def test_saves_x_with_save_for_backward(exercise):
    # The docstring asks for ctx.save_for_backward: it is what lets autograd check the saved x for in-place
    # changes and free it after backward. A tensor stored as ctx.x bypasses all that (and is never packed).
    packed = []
    x = torch.randn(5, requires_grad=True)
    with torch.autograd.graph.saved_tensors_hooks(lambda t: packed.append(t) or t, lambda t: t):
        exercise.Cube.apply(x)
    expect(len(packed) >= 1,
           "Cube.forward saved nothing with ctx.save_for_backward.",
           hint="store x with ctx.save_for_backward(x) and read it back in backward with (x,) = ctx.saved_tensors; "
                "an attribute such as ctx.x = x skips autograd's checks on saved tensors (and can leak memory).")
