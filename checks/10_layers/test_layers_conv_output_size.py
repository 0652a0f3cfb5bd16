import math

import torch
import torch.nn.functional as F
from torch import nn

from dlings.testing import expect, expect_equal, fail, forbid_calls


def real_size(n, k, s, p, d):
    return F.conv1d(torch.zeros(1, 1, n), torch.zeros(1, 1, k), stride=s, padding=p, dilation=d).shape[-1]


def test_conv_output_size_against_real_convolutions(exercise):
    for n in (1, 6, 13):
        for k in (1, 2, 4):
            for s in (1, 2, 3):
                for p in (0, 1, 2):
                    for d in (1, 2):
                        if n + 2 * p < d * (k - 1) + 1:
                            continue
                        want = real_size(n, k, s, p, d)
                        got = exercise.conv_output_size(n, k, stride=s, padding=p, dilation=d)
                        what = f"conv_output_size({n}, kernel_size={k}, stride={s}, padding={p}, dilation={d})"
                        expect(isinstance(got, int) and not isinstance(got, bool),
                               f"{what} should be a Python int, but it is {type(got).__name__} {got!r}.",
                               hint="`/` gives a float; use floor division `//` (or int(...)) to get an int."
                               if isinstance(got, float) else
                               ("finish the TODO and return the size." if got is None else None))
                        top = n + 2 * p - d * (k - 1) - 1
                        expect_equal(got, want, what, mistakes={
                            "the dilation is missing: a dilated kernel spans d*(k-1)+1 cells.":
                                (n + 2 * p - k) // s + 1,
                            "the padding is added on both sides: 2*padding.": (n + p - d * (k - 1) - 1) // s + 1,
                            "rounded up: the output size rounds DOWN (floor division).": math.ceil(top / s) + 1,
                            "the +1 is missing (the first position counts too).": top // s,
                            "divide (n + 2p - d(k-1) - 1) by the stride, THEN add 1.": (top + 1) // s,
                        })


def test_conv2d_output_shape_against_nn_conv2d(exercise):
    torch.manual_seed(0)
    cases = [((2, 3, 16, 16), dict(in_channels=3, out_channels=8, kernel_size=3)),
             ((1, 3, 15, 20), dict(in_channels=3, out_channels=4, kernel_size=(3, 5), stride=(2, 1), padding=(1, 2))),
             ((4, 2, 11, 9), dict(in_channels=2, out_channels=6, kernel_size=3, dilation=(2, 1), stride=2)),
             ((3, 1, 7, 12), dict(in_channels=1, out_channels=2, kernel_size=(1, 4), padding=(0, 3), dilation=(1, 2)))]
    for shape, kw in cases:
        conv = nn.Conv2d(**kw)
        want = tuple(conv(torch.zeros(shape)).shape)
        args = ", ".join(f"{k}={v}" for k, v in kw.items())
        what = f"conv2d_output_shape({shape}, nn.Conv2d({args}))"
        with forbid_calls(["torch.nn.functional.conv2d", "torch.conv2d"],
                          why="compute the shape with arithmetic; running the convolution is not the exercise."):
            got = exercise.conv2d_output_shape(shape, conv)
        if got is not None and not isinstance(got, (tuple, torch.Size)):
            fail(f"{what} should be a tuple of 4 ints, but it is {type(got).__name__} {got!r}.",
                 hint="return a tuple, like x.shape (a list never equals a shape: (1, 2) == [1, 2] is False).")
        got = tuple(got) if got is not None else None
        swapped = (want[0], want[1], want[3], want[2])
        expect_equal(got, want, what, mistakes={
            "the channel count is the conv's out_channels, not in_channels.": (want[0], kw["in_channels"], *want[2:]),
            "height uses index 0 of kernel_size/stride/padding/dilation, width index 1.": swapped,
        })
