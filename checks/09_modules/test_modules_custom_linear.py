import math

import torch
import torch.nn.functional as F
from torch import nn

from dlings.testing import (expect, expect_close, expect_equal, expect_grad, expect_not_calling,
                            expect_parameter_names, expect_shape, forbid_calls)
from support_09_modules import build

BANNED = ["torch.nn.functional.linear", "torch.nn.Linear.forward"]
WHY = "this exercise asks you to write the layer with @ and +, not to call torch's Linear."


def make(exercise, *args, **kwargs):
    with forbid_calls(BANNED, why=WHY):
        return build(exercise.MyLinear, *args, **kwargs)


def test_parameters_and_shapes(exercise):
    torch.manual_seed(0)
    layer = make(exercise, 6, 4)
    expect_parameter_names(layer, ["weight", "bias"], "MyLinear(6, 4)")
    expect_shape(layer.weight, (4, 6), "MyLinear(6, 4).weight",
                 hint="nn.Linear stores weight as (out_features, in_features), and computes x @ weight.T.")
    expect_shape(layer.bias, (4,), "MyLinear(6, 4).bias")


def test_no_bias(exercise):
    torch.manual_seed(0)
    layer = make(exercise, 6, 4, bias=False)
    names = [n for n, _ in layer.named_parameters()]
    expect("bias" not in names, f"MyLinear(6, 4, bias=False) still has a bias parameter (parameters: {names}).",
           hint='with bias=False, create no bias at all: self.register_parameter("bias", None). A bias of zeros '
           'would still be trained.')
    expect_parameter_names(layer, ["weight"], "MyLinear(6, 4, bias=False)")
    expect(getattr(layer, "bias", "missing") is None,
           f"MyLinear(6, 4, bias=False).bias should be None, got {getattr(layer, 'bias', 'no attribute at all')!r}.",
           hint='self.register_parameter("bias", None) creates the name with no parameter behind it.')
    expect_equal(sorted(layer.state_dict()), ["weight"], "the list of keys of MyLinear(6, 4, bias=False).state_dict()")


def test_initialisation_range(exercise):
    torch.manual_seed(0)
    n_in, n_out = 50, 40
    k = 1 / math.sqrt(n_in)
    layer = make(exercise, n_in, n_out)
    for name in ["weight", "bias"]:
        p = getattr(layer, name).detach()
        expect(bool(p.abs().max() <= k + 1e-6),
               f"MyLinear({n_in}, {n_out}).{name} has values up to {float(p.abs().max()):.3f}, outside [-k, k] = "
               f"[-{k:.3f}, {k:.3f}].", hint="draw uniformly: torch.empty(...).uniform_(-k, k) "
               "(randn is a normal distribution, unbounded; rand is in [0, 1)).")
        expect(bool(p.min() < 0) and float(p.std()) > k / 4,
               f"MyLinear({n_in}, {n_out}).{name} does not look uniform in [-k, k]: min {float(p.min()):.3f}, "
               f"std {float(p.std()):.4f} (expected about {k / math.sqrt(3):.4f}).",
               hint="uniform_(-k, k) spreads the values over the whole symmetric range [-k, k]; torch.rand gives "
               "only [0, 1), and zeros or torch.empty (uninitialised memory) are no spread at all.")


def test_matches_nn_linear(exercise):
    torch.manual_seed(1)
    for n_in, n_out, bias, shape in [(5, 3, True, (4, 5)), (3, 7, False, (2, 6, 3)), (4, 2, True, (4, 9)),
                                     (1, 1, True, (3, 1))]:
        layer = make(exercise, n_in, n_out, bias=bias)
        ref = nn.Linear(n_in, n_out, bias=bias)
        with torch.no_grad():
            layer.weight.copy_(torch.randn(n_out, n_in))
            ref.weight.copy_(layer.weight)
            if bias:
                layer.bias.copy_(torch.randn(n_out))
                ref.bias.copy_(layer.bias)
        x = torch.randn(shape)
        if shape == (4, 9):
            x = x.T  # non-contiguous input of shape (9, 4)
        x1 = x.clone().requires_grad_()
        x2 = x.clone().requires_grad_()
        what = f"MyLinear({n_in}, {n_out}, bias={bias})(x) for x of shape {tuple(x.shape)}"
        with forbid_calls(BANNED, why=WHY):
            got = layer(x1)
        want = ref(x2)
        expect_close(got, want, what, mistakes={"the bias is missing from forward.": x @ ref.weight.T})
        g = torch.randn(want.shape)
        got.backward(g)
        want.backward(g)
        expect_grad(layer.weight, ref.weight.grad, f"weight.grad of {what}")
        if bias:
            expect_grad(layer.bias, ref.bias.grad, f"bias.grad of {what}")
        expect_grad(x1, x2.grad, f"the gradient of {what} with respect to x")


def test_does_not_use_torch_linear(exercise):
    expect_not_calling(exercise.MyLinear, ["linear", "Linear"], why=WHY)
