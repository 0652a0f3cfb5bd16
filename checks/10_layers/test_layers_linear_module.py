import math

import torch
from torch import nn

from dlings.testing import expect, expect_equal, expect_parameter_names, forbid_calls
from support_10_layers import compare_forward_backward, expect_module

WHY = "write the product yourself: x @ self.weight.T + self.bias."


def test_parameters_are_registered(exercise):
    layer = expect_module(exercise.MyLinear(5, 3), "MyLinear(5, 3)")
    expect_parameter_names(layer, ["weight", "bias"], "MyLinear(5, 3)")
    expect_equal(tuple(layer.weight.shape), (3, 5), "the shape of MyLinear(5, 3).weight",
                 mistakes={"weight is stored as (out_features, in_features), like nn.Linear.": (5, 3)})
    expect_equal(tuple(layer.bias.shape), (3,), "the shape of MyLinear(5, 3).bias")
    expect_equal(sum(p.numel() for p in layer.parameters()), 18, "the number of parameters of MyLinear(5, 3)")
    no_bias = expect_module(exercise.MyLinear(4, 2, bias=False), "MyLinear(4, 2, bias=False)")
    expect(no_bias.bias is None, "MyLinear(4, 2, bias=False).bias should be None.",
           hint="with bias=False there is no bias at all: set self.bias = None.")
    expect_parameter_names(no_bias, ["weight"], "MyLinear(4, 2, bias=False)")


def test_initialisation_range(exercise):
    torch.manual_seed(0)
    layer = exercise.MyLinear(400, 300)
    k = 1 / math.sqrt(400)
    w = layer.weight.detach()
    expect(float(w.abs().max()) <= k + 1e-7,
           f"weights should lie in [-{k:.4g}, {k:.4g}], but the largest |weight| is {float(w.abs().max()):.4g}.",
           hint="torch.randn is a normal distribution (unbounded): use .uniform_(-k, k).")
    expect(float(w.abs().max()) > 0.9 * k and abs(float(w.mean())) < 0.05 * k,
           f"weights should fill [-{k:.4g}, {k:.4g}] evenly; yours have min {float(w.min()):.4g}, "
           f"max {float(w.max()):.4g}, mean {float(w.mean()):.4g}.",
           hint="uniform_(-k, k) with k = 1 / sqrt(in_features), not uniform_(0, k) or a smaller range.")
    b = layer.bias.detach()
    expect(float(b.abs().max()) <= k + 1e-7 and float(b.abs().max()) > 0.8 * k,
           f"the bias should be uniform in [-{k:.4g}, {k:.4g}]; yours spans [{float(b.min()):.4g}, {float(b.max()):.4g}].",
           hint="nn.Linear initialises the bias uniformly in [-k, k] too (not zeros).")


def test_matches_nn_linear(exercise):
    torch.manual_seed(1)
    for in_f, out_f, bias, shape in [(4, 3, True, (6, 4)), (5, 5, True, (2, 3, 5)), (3, 2, False, (4, 3))]:
        mine = exercise.MyLinear(in_f, out_f, bias=bias)
        ref = nn.Linear(in_f, out_f, bias=bias)
        with torch.no_grad():
            ref.weight.copy_(mine.weight)
            if bias:
                ref.bias.copy_(mine.bias)
        names = ["weight", "bias"] if bias else ["weight"]

        def run(x):
            with forbid_calls(["torch.nn.functional.linear"], why=WHY):
                return mine(x)

        compare_forward_backward(run, ref, torch.randn(shape), f"MyLinear({in_f}, {out_f}, bias={bias})(x) for x of shape {shape}",
                                 mine_params={n: getattr(mine, n) for n in names},
                                 ref_params={n: getattr(ref, n) for n in names})
