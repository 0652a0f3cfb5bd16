import math

import torch
from torch import nn

from dlings.testing import expect, expect_not_calling, fail, forbid_calls
from support_11_init_hooks import expect_mean_zero, expect_std, expect_uniform_bound

CASES = [((96, 400), 1.0), ((300, 60), 1.0), ((128, 256), 5 / 3), ((64, 512), math.sqrt(2))]


def test_xavier_uniform_statistics(exercise):
    for i, (shape, gain) in enumerate(CASES):
        torch.manual_seed(i)
        fan_out, fan_in = shape
        w = nn.Parameter(torch.zeros(shape))
        with forbid_calls(["torch.nn.init.xavier_uniform_"], why="write it from Tensor.uniform_ and the formula."):
            got = exercise.xavier_uniform(w, gain=gain)
        what = f"xavier_uniform(weight of shape {shape}, gain={gain:.3g})"
        expect(got is w, f"{what} should return the same tensor it filled (in place), not a new one.",
               hint="fill `weight` with weight.uniform_(...) under torch.no_grad() and `return weight`.")
        expect(bool(w.requires_grad) and isinstance(w, nn.Parameter),
               f"{what}: the weight should stay a trainable nn.Parameter.",
               hint="fill it in place under torch.no_grad(); do not replace or detach it.")
        a = gain * math.sqrt(6 / (fan_in + fan_out))
        expect_mean_zero(w, a, what)
        expect_uniform_bound(w, a, what, mistakes={
            "the gain is missing: multiply the bound by `gain`.": a / gain if gain != 1 else -1.0,
            "sqrt(2 / (fan_in + fan_out)) is the STD of Xavier normal; the uniform bound is sqrt(6 / (fan_in + fan_out)).":
                gain * math.sqrt(2 / (fan_in + fan_out)),
            "only fan_in is used: Xavier averages both fans, sqrt(6 / (fan_in + fan_out)).": gain * math.sqrt(3 / fan_in),
            "fan_in and fan_out both come from one dimension: weight.shape is (fan_out, fan_in).":
                gain * math.sqrt(3 / fan_out),
        })
        expect_std(w, a / math.sqrt(3), what)


def test_xavier_uniform_is_random(exercise):
    w1, w2 = nn.Parameter(torch.zeros(50, 70)), nn.Parameter(torch.zeros(50, 70))
    torch.manual_seed(1)
    exercise.xavier_uniform(w1)
    exercise.xavier_uniform(w2)
    if torch.equal(w1, w2):
        fail("two calls of xavier_uniform gave the same weights.",
             hint="draw fresh random numbers each call (Tensor.uniform_), not a fixed pattern.")


def test_not_using_nn_init(exercise):
    expect_not_calling(exercise.xavier_uniform, ["xavier_uniform_", "xavier_normal_"],
                       why="this exercise is about the formula: use weight.uniform_(-a, a).")
