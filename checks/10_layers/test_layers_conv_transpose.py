import torch
from torch import nn

from dlings.testing import expect, expect_equal, fail


def real_size(n, k, s, p, op, d):
    layer = nn.ConvTranspose2d(1, 1, k, stride=s, padding=p, output_padding=op, dilation=d, device="meta")
    return layer(torch.empty(1, 1, n, n, device="meta")).shape[-1]


CASES = [  # (n, kernel, stride, padding, output_padding, dilation): defaults, stride, padding, output_padding, dilation
    (5, 3, 1, 0, 0, 1), (4, 4, 2, 1, 0, 1), (7, 3, 2, 1, 1, 1), (1, 2, 2, 0, 0, 1), (6, 5, 3, 2, 2, 1),
    (3, 3, 1, 1, 0, 2), (8, 3, 2, 0, 1, 2), (2, 1, 1, 0, 0, 1), (10, 7, 4, 3, 3, 1),
]


def test_transpose_out_size(exercise):
    for n, k, s, p, op, d in CASES:
        kwargs = {"stride": s, "padding": p, "output_padding": op, "dilation": d}
        shown = ", ".join(f"{key}={value}" for key, value in kwargs.items()
                          if value != {"stride": 1, "padding": 0, "output_padding": 0, "dilation": 1}[key])
        what = f"transpose_out_size({n}, kernel_size={k}{', ' + shown if shown else ''})"
        got = exercise.transpose_out_size(n, k, **kwargs)
        if isinstance(got, float) and got == int(got):
            fail(f"{what} should be a Python int, but it is the float {got!r}.",
                 hint="the formula has no division: keep it in integers (no `/`).")
        want = real_size(n, k, s, p, op, d)
        mistakes = {
            "that is Conv2d's formula, which shrinks: the transposed one is (n - 1) * stride - 2 * padding + "
            "dilation * (kernel_size - 1) + output_padding + 1.": (n + 2 * p - d * (k - 1) - 1) // s + 1,
            "padding TRIMS a transposed convolution's output: - 2 * padding, not + 2 * padding.":
                (n - 1) * s + 2 * p + d * (k - 1) + op + 1,
            "output_padding is missing: it adds that many rows at the end.": (n - 1) * s - 2 * p + d * (k - 1) + 1,
            "the input size is multiplied as n * stride; it is (n - 1) * stride (the gaps BETWEEN input pixels).":
                n * s - 2 * p + d * (k - 1) + op + 1,
        }
        if d > 1:
            mistakes["dilation multiplies (kernel_size - 1), the kernel's span: dilation * (kernel_size - 1)."] = \
                (n - 1) * s - 2 * p + d * k - 1 + op + 1
        expect_equal(got, want, what, mistakes=mistakes)


def test_upsample2x(exercise):
    layer = exercise.upsample2x(3, 5)
    expect(isinstance(layer, nn.ConvTranspose2d),
           f"upsample2x(3, 5) should return an nn.ConvTranspose2d, not {type(layer).__name__}.",
           hint="the function still returns None: finish the TODO and `return nn.ConvTranspose2d(...)`."
           if layer is None else "build it with nn.ConvTranspose2d(in_channels, out_channels, kernel_size=4, ...).")
    expect_equal(tuple(layer.weight.shape), (3, 5, 4, 4), "upsample2x(3, 5).weight.shape "
                 "(in_channels, out_channels, kernel height, kernel width)",
                 hint="pass in_channels, out_channels and kernel_size=4, in that order.")
    for h, w in [(1, 1), (4, 4), (5, 7), (8, 3), (16, 16)]:
        out = layer(torch.zeros(2, 3, h, w))
        k, s, p = layer.kernel_size[0], layer.stride[0], layer.padding[0]
        expect_equal(tuple(out.shape), (2, 5, 2 * h, 2 * w), f"the output shape of upsample2x(3, 5) for an input of "
                     f"shape {(2, 3, h, w)}", hint=(
                         f"with kernel 4 and stride {s}, n becomes (n - 1) * {s} - 2 * padding + 4; for 2 * n for "
                         "every n, stride must be 2, and then padding 1." if s != 2 else
                         f"with stride 2 and kernel 4, n becomes 2 * n + 2 - 2 * padding: padding={p} gives "
                         f"2 * n {'+' if p <= 1 else '-'} {abs(2 - 2 * p)}."))
