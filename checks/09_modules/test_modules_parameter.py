import torch
from torch import nn

from dlings.testing import expect, expect_close, expect_grad, expect_parameter_names
from support_09_modules import build


def test_weight_and_bias_are_parameters(exercise):
    layer = build(exercise.Affine, 5)
    expect_parameter_names(layer, ["weight", "bias"], "Affine(5)")
    for name in ["weight", "bias"]:
        p = getattr(layer, name)
        expect(isinstance(p, nn.Parameter), f"Affine(5).{name} should be an nn.Parameter, got {type(p).__name__}.")


def test_initial_values(exercise):
    layer = build(exercise.Affine, 4)
    expect_close(layer.weight.detach(), torch.ones(4), "Affine(4).weight at creation",
                 mistakes={"weight starts at zeros: the layer would output only the bias.": torch.zeros(4)})
    expect_close(layer.bias.detach(), torch.zeros(4), "Affine(4).bias at creation",
                 mistakes={"bias starts at ones; it should start at zeros.": torch.ones(4)})


def test_forward_and_gradients(exercise):
    torch.manual_seed(0)
    for shape in [(3, 4), (2, 5, 4), (4,)]:
        layer = build(exercise.Affine, 4)
        with torch.no_grad():
            layer.weight.copy_(torch.randn(4))
            layer.bias.copy_(torch.randn(4))
        w, b = layer.weight.detach().clone(), layer.bias.detach().clone()
        x = torch.randn(shape)
        got = layer(x)
        expect_close(got, x * w + b, f"Affine(4)(x) for x of shape {shape}",
                     mistakes={"the shift is added before scaling: (x + bias) * weight.": (x + b) * w})
        g = torch.randn(shape)
        got.backward(g)
        expect_grad(layer.weight, (g * x).reshape(-1, 4).sum(0), "weight.grad after backward")
        expect_grad(layer.bias, g.reshape(-1, 4).sum(0), "bias.grad after backward")


def test_an_optimizer_trains_them(exercise):
    torch.manual_seed(1)
    layer = build(exercise.Affine, 3)
    params = list(layer.parameters())
    expect(len(params) == 2, f"layer.parameters() gives {len(params)} tensors; an optimizer needs both weight and bias.",
           hint="only nn.Parameter attributes are registered; a plain tensor (even with requires_grad=True) is not.")
    opt = torch.optim.SGD(params, lr=0.1)
    x = torch.randn(8, 3)
    (layer(x) - 1.0).pow(2).mean().backward()
    opt.step()
    expect(not torch.equal(layer.bias.detach(), torch.zeros(3)), "one SGD step did not change the bias.",
           hint="the bias must be an nn.Parameter with requires_grad=True (the default).")
