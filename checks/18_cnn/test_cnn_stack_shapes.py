import torch
from torch import nn

from dlings.testing import expect, expect_equal, fail

STACKS = [
    ("LeNet-like", lambda: nn.Sequential(nn.Conv2d(3, 8, 5), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(8, 16, 3, padding=1),
                                         nn.BatchNorm2d(16), nn.ReLU(), nn.AvgPool2d(2), nn.Flatten()), (4, 3, 32, 32)),
    ("strided", lambda: nn.Sequential(nn.Conv2d(1, 6, 3, stride=2, padding=1), nn.ReLU(), nn.Conv2d(6, 10, 4, stride=3),
                                      nn.Dropout(0.1)), (2, 1, 29, 31)),
    ("dilated", lambda: nn.Sequential(nn.Conv2d(2, 5, 3, dilation=2, padding=1), nn.MaxPool2d(3, stride=2, padding=1,
                                                                                             dilation=2)), (1, 2, 20, 17)),
    ("rectangular kernels", lambda: nn.Sequential(nn.Conv2d(3, 7, (1, 5), stride=(1, 2), padding=(0, 2)),
                                                  nn.MaxPool2d((2, 3)), nn.AvgPool2d(2, stride=1, padding=1),
                                                  nn.Flatten()), (3, 3, 9, 23)),
    ("pool stride defaults to kernel", lambda: nn.Sequential(nn.MaxPool2d(3), nn.Conv2d(4, 4, 1), nn.AvgPool2d(2)),
     (5, 4, 13, 8)),
    ("no spatial layers", lambda: nn.Sequential(nn.ReLU(), nn.Flatten()), (1, 1, 1, 1)),
]


def _mistakes(layers, shape):
    """Shapes a few likely slips would give."""
    def walk(no_dilation=False, keep_channels=False, ceil=False, one_pad=False, flatten=True):
        n, c, h, w = shape
        for layer in layers:
            if isinstance(layer, nn.Flatten):
                return (n, c * h * w) if flatten else (n, c, h, w)
            if isinstance(layer, (nn.Conv2d, nn.MaxPool2d, nn.AvgPool2d)):
                pr = lambda v: (v, v) if isinstance(v, int) else tuple(v)  # noqa: E731
                k, s, p = pr(layer.kernel_size), pr(layer.stride), pr(layer.padding)
                d = (1, 1) if no_dilation else pr(getattr(layer, "dilation", 1))
                out = []
                for size, i in ((h, 0), (w, 1)):
                    num = size + (1 if one_pad else 2) * p[i] - d[i] * (k[i] - 1) - 1
                    out.append((-(-num // s[i]) if ceil else num // s[i]) + 1)
                h, w = out
                if isinstance(layer, nn.Conv2d) and not keep_channels:
                    c = layer.out_channels
        return (n, c, h, w)
    return {
        "dilation spreads the kernel: its reach is dilation*(kernel - 1) + 1 pixels.": walk(no_dilation=True),
        "a convolution changes the channel count to its out_channels.": walk(keep_channels=True),
        "the formula floors (// in Python), it does not round up.": walk(ceil=True),
        "padding is added on both sides: 2*padding.": walk(one_pad=True),
        "nn.Flatten() merges (C, H, W) into one dim: (N, C*H*W).": walk(flatten=False),
    }


def test_shapes_by_hand(exercise):
    for label, make, shape in STACKS:
        layers = make()
        ran = []
        for m in layers:
            m.register_forward_pre_hook(lambda *_: ran.append(1))
        got = exercise.stack_output_shape(layers, shape)
        if ran:
            fail(f"stack_output_shape ran the model on the {label} stack.",
                 hint="work the shape out from each layer's attributes (kernel_size, stride, padding, dilation, "
                      "out_channels), without calling the layers.")
        if got is None or got is Ellipsis:
            fail(f"stack_output_shape(...) returned {got!r}.", hint="finish the TODO and return a tuple of ints.")
        want = tuple(layers.to("meta")(torch.empty(shape, device="meta")).shape)
        expect(isinstance(got, tuple),
               f"stack_output_shape should return a tuple of ints, got a {type(got).__name__}: {got!r}.",
               hint="a shape is a tuple, like x.shape: return (n, c, h, w) or (n, c * h * w), not a list.")
        expect(all(isinstance(v, int) for v in got),
               f"stack_output_shape should return a tuple of ints, got {got!r}.",
               hint="use // (floor division) so the sizes stay ints; / gives floats.")
        expect_equal(tuple(got), want, f"stack_output_shape(<{label} stack>, {shape})\n  the stack: {make()}",
                     mistakes=_mistakes(layers, shape),
                     hint="apply the formula to each spatial dim with that dim's own numbers: index 0 of every "
                          "(h, w) pair for the height, index 1 for the width.")
