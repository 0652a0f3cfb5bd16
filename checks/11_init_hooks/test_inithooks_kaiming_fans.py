import math

import torch
from torch import nn

from dlings.testing import expect, expect_equal, expect_not_calling, forbid_calls
from support_11_init_hooks import expect_mean_zero, expect_std

SHAPES = [(96, 400), (300, 60), (64, 16, 3, 3), (32, 24, 5), (40, 8, 3, 5)]
BANNED = ["torch.nn.init.kaiming_normal_", "torch.nn.init._calculate_fan_in_and_fan_out"]


def fans(shape):
    r = math.prod(shape[2:])
    return shape[1] * r, shape[0] * r


def test_compute_fans(exercise):
    for shape in SHAPES:
        fi, fo = fans(shape)
        with forbid_calls(BANNED, why="compute the fans from weight.shape yourself."):
            got = exercise.compute_fans(torch.empty(shape))
        if isinstance(got, (tuple, list)):
            got = tuple(int(v) if hasattr(v, "__int__") and not isinstance(v, bool) else v for v in got)
        expect_equal(got, (fi, fo), what=f"compute_fans(weight of shape {shape})", mistakes={
            "fan_in and fan_out are swapped: weight.shape is (out, in, *kernel), so fan_in uses shape[1].": (fo, fi),
            "the receptive field (product of the kernel sizes, shape[2:]) is missing.": (shape[1], shape[0]),
        })


def test_kaiming_normal_statistics(exercise):
    for i, shape in enumerate(SHAPES):
        fi, fo = fans(shape)
        for mode in ("fan_in", "fan_out"):
            torch.manual_seed(10 * i + len(mode))
            w = nn.Parameter(torch.zeros(shape))
            with forbid_calls(BANNED, why="build it from compute_fans and Tensor.normal_."):
                got = exercise.kaiming_normal(w, mode=mode)
            what = f"kaiming_normal(weight of shape {shape}, mode={mode!r})"
            expect(got is w, f"{what} should fill the weight in place and return it.",
                   hint="use weight.normal_(0, std) under torch.no_grad(), then `return weight`.")
            fan, other = (fi, fo) if mode == "fan_in" else (fo, fi)
            std = math.sqrt(2 / fan)
            mistakes = {
                "gain 2 instead of sqrt(2): the VARIANCE is 2 / fan, so std = sqrt(2 / fan).": 2 / math.sqrt(fan),
                "gain 1 (LeCun init): ReLU zeroes half the signal, so Kaiming uses gain sqrt(2).": 1 / math.sqrt(fan),
                "the variance 2 / fan was used as the std: std = sqrt(2 / fan).": 2 / fan,
            }
            if other != fan:
                mistakes[f"mode={mode!r} picked the other fan: fan_in for mode='fan_in', fan_out for 'fan_out'."] = \
                    math.sqrt(2 / other)
            expect_mean_zero(w, std, what, hint="draw from N(0, std**2): weight.normal_(0, std).")
            expect_std(w, std, what, mistakes=mistakes)


def test_not_using_nn_init(exercise):
    for fn in (exercise.compute_fans, exercise.kaiming_normal):
        expect_not_calling(fn, ["kaiming_normal_", "kaiming_uniform_", "_calculate_fan_in_and_fan_out"],
                           why="this exercise is about the formula; write it from weight.shape and normal_.")
