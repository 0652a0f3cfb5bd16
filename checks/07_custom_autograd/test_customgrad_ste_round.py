import torch

from dlings.testing import expect_close, expect_grad
from support_07_custom_autograd import backward_explained, expect_custom_function, expect_uses_function, upstream_like


def test_forward_rounds(exercise):
    expect_custom_function(exercise.RoundSTE, "RoundSTE")
    torch.manual_seed(0)
    for shape in [(7,), (3, 5)]:
        x = torch.randn(shape) * 3
        expect_close(exercise.RoundSTE.apply(x), torch.round(x), what=f"RoundSTE.apply(x), x of shape {shape}",
                     mistakes={"floor() always rounds down; round to the nearest integer with torch.round.":
                               torch.floor(x),
                               "the forward pass returns x unrounded: only backward is the identity.": x})


def test_gradient_passes_straight_through(exercise):
    torch.manual_seed(1)
    for shape in [(7,), (2, 3, 4), (4, 6)]:
        x = torch.randn(shape) * 3
        if shape == (4, 6):
            x = x[:, ::2]          # a non-contiguous view
            shape = tuple(x.shape)
        x = x.requires_grad_()
        y = exercise.RoundSTE.apply(x)
        expect_uses_function(y, exercise.RoundSTE, "RoundSTE.apply(x)")
        g = upstream_like(y) * 2
        backward_explained(y, g, "RoundSTE.apply(x)")
        expect_grad(x, g, what=f"x.grad after RoundSTE.apply(x).backward(g), x of shape {shape}",
                    hint="backward of a straight-through estimator returns grad_out unchanged.",
                    mistakes={
                        "torch.round's own gradient is zero: backward must return grad_out, not zeros.":
                            torch.zeros(shape),
                        "backward rounded grad_out; pass it through unchanged.": g.round(),
                        "backward returns ones instead of grad_out: the chain rule still applies.": torch.ones(shape),
                        "backward multiplied by x: the STE treats round as the identity, whose derivative is 1.":
                            g * x.detach(),
                    })
