import torch

from dlings.testing import expect_close, expect_grad
from support_07_custom_autograd import backward_explained, expect_custom_function, expect_uses_function, upstream_like


def test_forward_is_identity(exercise):
    expect_custom_function(exercise.GradReverse, "GradReverse")
    torch.manual_seed(0)
    for shape, lambd in [((6,), 1.0), ((3, 4), 0.3)]:
        x = torch.randn(shape)
        expect_close(exercise.GradReverse.apply(x, lambd), x, what=f"GradReverse.apply(x, {lambd}) (values)",
                     mistakes={"forward multiplied by -lambd: only the gradient is reversed, the values pass "
                               "through unchanged.": -lambd * x})


def test_gradient_is_reversed_and_scaled(exercise):
    torch.manual_seed(1)
    for shape, lambd in [((6,), 1.0), ((2, 3, 4), 0.25), ((5, 2), 2.0)]:
        x = torch.randn(shape, requires_grad=True)
        y = exercise.GradReverse.apply(x, lambd)
        expect_uses_function(y, exercise.GradReverse, f"GradReverse.apply(x, {lambd})")
        g = upstream_like(y)
        backward_explained(y, g, f"GradReverse.apply(x, {lambd})")
        expect_grad(x, -lambd * g, what=f"x.grad after GradReverse.apply(x, {lambd}).backward(g)",
                    mistakes={
                        "the gradient is negated but not scaled: multiply by -lambd.": -g,
                        "the gradient is scaled by lambd but not reversed: multiply by -lambd.": lambd * g,
                        "the gradient passes unchanged: backward must return -lambd * grad_out.": g,
                        "forward also multiplied by -lambd, so the reversal happened twice.": lambd * lambd * g,
                    })


def test_only_layers_below_are_reversed(exercise):
    """A feature extractor W below the layer and a head v above it, like in DANN."""
    torch.manual_seed(2)
    lambd = 0.7
    x = torch.randn(8, 5)
    W = torch.randn(5, 4, requires_grad=True)
    v = torch.randn(4, 1, requires_grad=True)
    loss = (exercise.GradReverse.apply(torch.tanh(x @ W), lambd) @ v).square().mean()
    backward_explained(loss, None, "the loss of a small model with GradReverse in the middle")
    W_ref = W.detach().clone().requires_grad_()
    v_ref = v.detach().clone().requires_grad_()
    (torch.tanh(x @ W_ref) @ v_ref).square().mean().backward()
    expect_grad(v, v_ref.grad, what="the gradient of the head v (above GradReverse)",
                hint="layers above the reversal layer must get their normal gradient.")
    expect_grad(W, -lambd * W_ref.grad, what="the gradient of the feature extractor W (below GradReverse)")
