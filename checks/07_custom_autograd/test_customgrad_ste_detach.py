import torch

from dlings.testing import boundary_values, expect_close, expect_grad, expect_not_calling, fail


def _inputs(shape, seed):
    g = torch.Generator().manual_seed(seed)
    x = torch.randn(shape, generator=g) * 1.5
    # keep away from 0 and +-1, where sign and clamp are ambiguous
    x = torch.where((x.abs() - 1).abs() < 0.05, x * 1.2, x)
    return torch.where(x.abs() < 0.05, x + 0.1, x)


def test_values_are_signs(exercise):
    for shape, seed in [((9,), 0), ((4, 5), 1)]:
        x = _inputs(shape, seed)
        expect_close(exercise.binarize(x), torch.sign(x), what=f"binarize(x) for x of shape {shape}",
                     mistakes={"the values are x.clamp(-1, 1): the detached part must turn them into sign(x).":
                               x.clamp(-1, 1),
                               "the two halves do not cancel: in a + (b - a).detach() both `a`s must be the same "
                               "tensor (here x.clamp(-1, 1)).": x.clamp(-1, 1) + torch.sign(x) - x})


def test_gradient_is_clipped_identity(exercise):
    for shape, seed in [((9,), 2), ((3, 2, 4), 3)]:
        x = _inputs(shape, seed).requires_grad_()
        y = exercise.binarize(x)
        if y.grad_fn is None:
            fail(f"binarize(x) has no grad_fn: no gradient can flow back to x (x of shape {shape}).",
                 hint="detach in the wrong place: detach only the correction (sign(x) - clipped), "
                      "not the whole expression.")
        g = torch.randn(shape, generator=torch.Generator().manual_seed(seed + 10))
        y.backward(g)
        xd = x.detach()
        inside = (xd.abs() <= 1).to(g.dtype)
        expect_grad(x, g * inside, what=f"x.grad after binarize(x).backward(g), x of shape {shape}",
                    mistakes={
                        "the gradient passes everywhere: use x.clamp(-1, 1) as the differentiable part so it "
                        "is 0 where |x| > 1.": g,
                        "torch.sign's own gradient is zero: the value must come from sign, the gradient from "
                        "the clamped x.": torch.zeros(shape),
                    })


def test_gradient_on_the_boundary(exercise):
    # The docstring fixes the boundary: exactly x.clamp(-1, 1)'s gradient, which is 0 at x = +-1.
    x = boundary_values(-1, 1)                  # -2, just below -1, -1, just above -1, 0, ..., 2
    x = x[x != 0].requires_grad_()              # sign(0) is 0: keep to the +1 / -1 values
    y = exercise.binarize(x)
    if y.grad_fn is None:
        fail("binarize(x) has no grad_fn: no gradient can flow back to x.",
             hint="detach only the correction (sign(x) - clipped), not the whole expression.")
    g = torch.tensor([1.0, -1.0]).repeat(len(x))[:len(x)] * 2   # gradients of both signs
    y.backward(g)
    ref = x.detach().clone().requires_grad_()
    ref.clamp(-1, 1).backward(g)
    xd = x.detach()
    on_edge = xd.abs() == 1
    expect_grad(x, ref.grad, what=f"x.grad after binarize(x).backward(g) for x = {[f'{v:.8g}' for v in xd.tolist()]}",
                mistakes={
                    "at exactly x = +-1 your gradient passes grad_out through; x.clamp(-1, 1), whose gradient the docstring asks "
                    "for, passes nothing there: use x.clamp(-1, 1) as the differentiable part.":
                        torch.where(on_edge, g, ref.grad),
                    "at exactly x = +-1 your gradient is halved: torch.minimum / torch.maximum split the gradient "
                    "of a tie. The docstring asks for x.clamp(-1, 1)'s gradient, which is 0 there.":
                        torch.where(on_edge, g / 2, ref.grad),
                })


def test_no_custom_function(exercise):
    expect_not_calling(exercise.binarize, ["Function", "apply"],
                       why="this exercise is the detach trick: a + (b - a).detach(), no autograd.Function.")
