import torch

from dlings.testing import expect_close, expect_grad, fail
from support_07_custom_autograd import backward_explained, expect_custom_function, expect_uses_function


def _x(shape, seed, scale, qmax):
    g = torch.Generator().manual_seed(seed)
    x = torch.randn(shape, generator=g) * scale * qmax * 0.8
    edge = ((x / scale).abs() - qmax).abs() < 0.05          # stay off the clamp edge
    return torch.where(edge, x * 1.1, x)


CASES = [((10,), 0, 0.1, 7), ((4, 6), 1, 0.05, 15), ((3, 2, 5), 2, 0.5, 3)]


def test_forward_quantises(exercise):
    expect_custom_function(exercise.FakeQuant, "FakeQuant")
    for shape, seed, scale, qmax in CASES:
        x = _x(shape, seed, scale, qmax)
        ref = torch.clamp(torch.round(x / scale), -qmax, qmax) * scale
        expect_close(exercise.FakeQuant.apply(x, scale, qmax), ref,
                     what=f"FakeQuant.apply(x, scale={scale}, qmax={qmax})",
                     mistakes={"you returned the integer codes: multiply back by scale.":
                               torch.clamp(torch.round(x / scale), -qmax, qmax),
                               "the clamp to [-qmax, qmax] is missing.": torch.round(x / scale) * scale})


def test_gradient_straight_through_inside(exercise):
    for shape, seed, scale, qmax in CASES:
        x = _x(shape, seed + 10, scale, qmax).requires_grad_()
        y = exercise.FakeQuant.apply(x, scale, qmax)
        expect_uses_function(y, exercise.FakeQuant, "FakeQuant.apply(x, scale, qmax)")
        g = torch.randn(shape, generator=torch.Generator().manual_seed(seed + 20))
        backward_explained(y, g, "FakeQuant.apply(x, scale, qmax)")
        xd = x.detach()
        inside = ((xd / scale).abs() <= qmax).to(g.dtype)
        expect_grad(x, g * inside, what=f"x.grad, x of shape {shape}, scale={scale}, qmax={qmax}",
                    mistakes={
                        "the gradient also passes where the clamp cut x off: zero it where |x / scale| > qmax.": g,
                        "the gradient was divided by scale: round(x / scale) * scale is the identity for the "
                        "STE, so no scale factor.": g * inside / scale,
                        "the gradient was multiplied by scale: the STE passes grad_out as it is.": g * inside * scale,
                        "backward returned zeros (round's own gradient): pass grad_out through inside the range.":
                            torch.zeros(shape),
                    })


def test_gradient_on_the_clamp_edge(exercise):
    # |x / scale| <= qmax includes the edge: x = +-qmax * scale still gets its gradient. scale = 0.5 and
    # 0.25 are exact in binary, so x / scale lands exactly on qmax.
    for scale, qmax in [(0.5, 3), (0.25, 7)]:
        edge = qmax * scale
        x = torch.tensor([-edge - scale, -edge, -edge + scale, 0.0, edge - scale, edge, edge + scale])
        x = x.requires_grad_()
        y = exercise.FakeQuant.apply(x, scale, qmax)
        expect_uses_function(y, exercise.FakeQuant, "FakeQuant.apply(x, scale, qmax)")
        g = torch.tensor([1.0, -2.0, 3.0, -1.0, 2.0, -3.0, 1.0])
        backward_explained(y, g, "FakeQuant.apply(x, scale, qmax)")
        inside = ((x.detach() / scale).abs() <= qmax).to(g.dtype)
        expect_grad(x, g * inside, what=f"x.grad for x = {x.detach().tolist()}, scale={scale}, qmax={qmax} "
                    f"(x = +-{edge} is exactly on the edge)",
                    mistakes={"on the edge, |x / scale| == qmax, the gradient was blocked: the docstring's "
                              "|x / scale| <= qmax includes it (<=, not <).":
                              g * ((x.detach() / scale).abs() < qmax).to(g.dtype)})


def test_quantised_model_learns(exercise, report):
    gen = torch.Generator().manual_seed(3)
    X = torch.randn(128, 8, generator=gen)
    w_true = torch.round(torch.randn(8, generator=gen) * 5) * 0.1
    y = X @ w_true
    w = (torch.randn(8, generator=gen) * 0.05).requires_grad_()
    first = None
    for step in range(150):
        loss = ((X @ exercise.FakeQuant.apply(w, 0.1, 15) - y) ** 2).mean()
        backward_explained(loss, None, "the training loss")
        if w.grad is None:
            fail("w.grad is None after backward: no gradient came through FakeQuant.")
        with torch.no_grad():
            w -= 0.05 * w.grad
        w.grad = None
        first = loss.item() if first is None else first
        if step % 10 == 0:
            report("loss", loss.item(), step)
    if not loss.item() < 0.05 * first:
        fail(f"a linear model with FakeQuant weights did not learn: loss {first:.3f} -> {loss.item():.3f} in 150 "
             "SGD steps (expected below 5% of the start).",
             hint="the gradient must pass straight through the rounding for weights inside the range.")
