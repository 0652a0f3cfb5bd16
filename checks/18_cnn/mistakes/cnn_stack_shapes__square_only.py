import torch
from torch import nn


def stack_output_shape(layers: nn.Sequential, input_shape: tuple) -> tuple:
    n, c, h, w = input_shape
    for layer in layers:
        if isinstance(layer, nn.Flatten):
            return (n, c * h * w)
        if isinstance(layer, (nn.Conv2d, nn.MaxPool2d, nn.AvgPool2d)):
            first = lambda v: v if isinstance(v, int) else v[0]  # noqa: E731
            k, s, p, d = first(layer.kernel_size), first(layer.stride), first(layer.padding), first(getattr(layer, "dilation", 1))
            h = (h + 2 * p - d * (k - 1) - 1) // s + 1
            w = (w + 2 * p - d * (k - 1) - 1) // s + 1
            if isinstance(layer, nn.Conv2d):
                c = layer.out_channels
    return (n, c, h, w)
