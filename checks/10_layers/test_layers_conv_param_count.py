import torch
from torch import nn

from dlings.testing import expect_equal, fail

CASES = [(3, 64, 3, 1, True), (16, 8, (3, 5), 1, True), (8, 4, 1, 1, False), (32, 32, 3, 32, True),
         (12, 18, (2, 4), 3, False), (6, 10, 5, 2, True)]


def label(i, o, k, g, b):
    return f"nn.Conv2d({i}, {o}, kernel_size={k}, groups={g}, bias={b})"


def test_weight_shape(exercise):
    for i, o, k, g, b in CASES:
        conv = nn.Conv2d(i, o, k, groups=g, bias=b)
        got = exercise.conv2d_weight_shape(i, o, k, groups=g)
        if got is not None and not isinstance(got, (tuple, list, torch.Size)):
            fail(f"conv2d_weight_shape should return a tuple of 4 ints; it returned {type(got).__name__} {got!r}.")
        want = tuple(conv.weight.shape)
        expect_equal(tuple(got) if got is not None else None, want, f"the weight shape of {label(i, o, k, g, b)}",
                     mistakes={"each output channel sees in_channels // groups input channels, not all of them.":
                               (o, i, *want[2:]),
                               "weight is (out_channels, in_channels // groups, kH, kW): out first.":
                               (want[1], want[0], *want[2:])})


def test_param_count(exercise):
    for i, o, k, g, b in CASES:
        conv = nn.Conv2d(i, o, k, groups=g, bias=b)
        want = sum(p.numel() for p in conv.parameters())
        kh, kw = (k, k) if isinstance(k, int) else k
        got = exercise.conv2d_param_count(i, o, k, groups=g, bias=b)
        expect_equal(got, want, f"the number of parameters of {label(i, o, k, g, b)}",
                     mistakes={"groups divide the input channels each filter sees: in_channels // groups.":
                               o * i * kh * kw + (o if b else 0),
                               "the bias adds out_channels parameters (only when bias=True).":
                               o * (i // g) * kh * kw + (0 if b else o),
                               "the kernel has kH * kW weights per channel pair, not kH + kW or k.":
                               o * (i // g) * kh + (o if b else 0)})
