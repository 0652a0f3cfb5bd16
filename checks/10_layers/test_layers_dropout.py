import torch

from dlings.testing import expect, expect_close, expect_equal, expect_not_calling, forbid_calls, expect_tensor
from support_10_layers import torch_names, expect_module

BANNED = ["torch.nn.functional.dropout", "torch.dropout", "torch.nn.Dropout"]
WHY = "build the mask yourself from torch.rand_like(x) (or torch.bernoulli)."


def run(layer, x):
    with forbid_calls(BANNED, why=WHY):
        return expect_tensor(layer(x), f"MyDropout(p={layer.p})(x)")


def test_training_mode_statistics(exercise):
    torch.manual_seed(0)
    for p in [0.2, 0.5, 0.8]:
        layer = expect_module(exercise.MyDropout(p), f"MyDropout({p})")
        expect_equal(len(list(layer.parameters())), 0, f"the number of parameters of MyDropout({p})",
                     hint="dropout has nothing to learn; p is a plain float.")
        x = torch.full((200, 100), 3.0)
        y = run(layer, x)
        expect_equal(tuple(y.shape), (200, 100), f"the shape of MyDropout({p})(x)")
        zero = float((y == 0).float().mean())
        expect(abs(zero - p) < 0.03,
               f"in training, MyDropout({p}) should zero about {p:.0%} of the elements; yours zeroed {zero:.1%}.",
               hint="keep an element with probability 1 - p: mask = torch.rand_like(x) >= p (not < p)."
               if abs(zero - (1 - p)) < 0.03 else ("did you forget to check self.training? The module starts in "
                                                   "training mode." if zero == 0 else None))
        kept = y[y != 0]
        expect_close(kept, torch.full_like(kept, 3.0 / (1 - p)),
                     f"the surviving elements of MyDropout({p})(x) for x full of 3.0",
                     mistakes={"the survivors were not rescaled: multiply them by 1 / (1 - p) (inverted dropout).":
                               torch.full_like(kept, 3.0),
                               "you multiplied by (1 - p); inverted dropout divides by (1 - p).":
                               torch.full_like(kept, 3.0 * (1 - p)),
                               "you divided by p; the survivors are scaled by 1 / (1 - p).":
                               torch.full_like(kept, 3.0 / p)})
        y2 = run(layer, x)
        expect(not torch.equal(y, y2), "two calls of MyDropout in training mode gave the same mask.",
               hint="draw a fresh random mask on every forward call (not once in __init__).")


def test_gradient_flows_through_the_mask(exercise):
    torch.manual_seed(1)
    layer = exercise.MyDropout(0.4)
    x = (torch.rand(30, 20) + 0.5).requires_grad_()
    y = run(layer, x)
    expect(y.requires_grad, "MyDropout's output does not require grad: the graph was cut.")
    y.sum().backward()
    expect_close(x.grad, (y / x).detach(), "the gradient of MyDropout(0.4)(x).sum() with respect to x",
                 hint="the gradient of dropout is the same mask, scaled by 1 / (1 - p).")


def test_eval_mode_is_identity(exercise):
    torch.manual_seed(2)
    layer = exercise.MyDropout(0.5)
    returned = layer.eval()
    x = torch.randn(8, 9)
    expect_close(run(layer, x), x, "MyDropout(0.5) in eval mode",
                 hint="in eval mode (self.training is False) dropout returns its input unchanged, no scaling.")
    layer.train()
    y = run(layer, x)
    expect(bool((y == 0).any()), "after .train() again, MyDropout(0.5) zeroed nothing.",
           hint="read self.training on every call; don't store the mode yourself in __init__.")


def test_edge_probabilities(exercise):
    torch.manual_seed(3)
    x = torch.randn(50, 4)
    expect_close(run(exercise.MyDropout(0.0), x), x, "MyDropout(0.0)(x) in training mode",
                 hint="with p = 0 nothing is dropped and the scale 1 / (1 - 0) is 1.")
    xg = x.clone().requires_grad_()
    y = run(exercise.MyDropout(1.0), xg)
    expect_close(y.detach(), torch.zeros_like(x), "MyDropout(1.0)(x) in training mode",
                 hint="p = 1 drops everything; 1 / (1 - p) is a division by zero, so return zeros for that case.")
    expect(y.requires_grad, "MyDropout(1.0)(x) for an x that requires grad is cut off from the graph, so a "
           "backward() through it fails.",
           hint="the docstring asks for zeros that stay in the graph, as nn.Dropout's do: x * 0 (or x * mask with "
                "an all-zero mask), not torch.zeros_like(x).")
    y.sum().backward()
    expect_close(xg.grad, torch.zeros_like(x), "x.grad after MyDropout(1.0)(x).sum().backward()")


def test_no_builtin(exercise):
    expect_not_calling(exercise.MyDropout, torch_names("dropout", "Dropout"), why=WHY)
