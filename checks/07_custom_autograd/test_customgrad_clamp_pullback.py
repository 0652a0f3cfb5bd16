import torch

from dlings.testing import boundary_values, expect_close, expect_grad, fail
from support_07_custom_autograd import backward_explained, expect_custom_function, expect_uses_function

LO, HI = -0.5, 1.0


def _x(shape, seed):
    g = torch.Generator().manual_seed(seed)
    x = torch.randn(shape, generator=g) * 1.5
    near = ((x - LO).abs() < 0.03) | ((x - HI).abs() < 0.03)   # stay off the edges
    return torch.where(near, x + 0.1, x)


def _reference(x, g):
    inside = (x >= LO) & (x <= HI)
    back = ((x > HI) & (g > 0)) | ((x < LO) & (g < 0))
    return torch.where(inside | back, g, torch.zeros_like(g))


def test_forward_clamps(exercise):
    expect_custom_function(exercise.ClampPullBack, "ClampPullBack")
    x = _x((10,), 0)
    expect_close(exercise.ClampPullBack.apply(x, LO, HI), x.clamp(LO, HI), what=f"ClampPullBack.apply(x, {LO}, {HI})")


def test_gradient_pulls_back(exercise):
    for shape, seed in [((12,), 1), ((4, 6), 2), ((2, 3, 5), 3)]:
        x = _x(shape, seed).requires_grad_()
        y = exercise.ClampPullBack.apply(x, LO, HI)
        expect_uses_function(y, exercise.ClampPullBack, f"ClampPullBack.apply(x, {LO}, {HI})")
        g = torch.randn(shape, generator=torch.Generator().manual_seed(seed + 100))
        backward_explained(y, g, f"ClampPullBack.apply(x, {LO}, {HI})")
        xd = x.detach()
        inside = (xd >= LO) & (xd <= HI)
        zero = torch.zeros_like(g)
        expect_grad(x, _reference(xd, g), what=f"x.grad, x of shape {shape}, lo={LO}, hi={HI}",
                    mistakes={
                        "this is torch.clamp's own gradient (zero outside [lo, hi]): also let through the "
                        "gradients that pull x back toward the range.": torch.where(inside, g, zero),
                        "the gradient passes everywhere (a plain straight-through clamp): block the ones that "
                        "would push x further out.": g,
                        "the signs are flipped: above hi, gradient descent moves x down when grad_out > 0.":
                            torch.where(inside | ((xd > HI) & (g < 0)) | ((xd < LO) & (g > 0)), g, zero),
                    })


def test_boundaries_are_inside(exercise):
    # lo <= x <= hi includes the boundaries: there grad_out passes whatever its sign.
    # Each value appears twice, once with a positive and once with a negative upstream gradient.
    values = boundary_values(LO, HI)
    x = values.repeat_interleave(2).requires_grad_()
    g = torch.tensor([1.5, -1.5]).repeat(len(values))
    y = exercise.ClampPullBack.apply(x, LO, HI)
    expect_uses_function(y, exercise.ClampPullBack, f"ClampPullBack.apply(x, {LO}, {HI})")
    backward_explained(y, g, f"ClampPullBack.apply(x, {LO}, {HI})")
    xd = x.detach()
    zero = torch.zeros_like(g)
    strict = (xd > LO) & (xd < HI)
    back = ((xd > HI) & (g > 0)) | ((xd < LO) & (g < 0))
    expect_grad(x, _reference(xd, g),
                what=f"x.grad for x = {[f'{v:.8g}' for v in xd.tolist()]} (lo={LO}, hi={HI}) and grad_out = +-1.5",
                mistakes={
                    "at exactly x == lo or x == hi the gradient was blocked: lo <= x <= hi includes the "
                    "boundaries, so grad_out passes there whatever its sign (use >= and <=).":
                        torch.where(strict | back | (((xd == HI) & (g > 0)) | ((xd == LO) & (g < 0))), g, zero),
                    "at exactly x == lo or x == hi the gradient was blocked (torch's own clamp gradient does that): "
                    "lo <= x <= hi includes the boundaries.": torch.where(strict | back, g, zero),
                })


def test_stuck_weight_comes_back(exercise):
    w = torch.tensor([3.0, -2.0], requires_grad=True)
    target = torch.tensor([0.5, 0.0])
    for _ in range(40):
        loss = ((exercise.ClampPullBack.apply(w, LO, HI) - target) ** 2).sum()
        loss.backward()
        with torch.no_grad():
            w -= 0.2 * w.grad
        w.grad = None
    if not bool(((w >= LO) & (w <= HI)).all()):
        fail(f"40 steps of gradient descent on (ClampPullBack(w) - target)^2 left w = {w.detach().tolist()}, "
             f"still outside [{LO}, {HI}].",
             hint="a weight above hi with grad_out > 0 must receive its gradient, so that it can come back.")
