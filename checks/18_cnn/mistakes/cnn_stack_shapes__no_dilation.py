import torch
from torch import nn


def _pair(v):
    return (v, v) if isinstance(v, int) else tuple(v)


def stack_output_shape(layers: nn.Sequential, input_shape: tuple) -> tuple:
    n, c, h, w = input_shape
    for layer in layers:
        if isinstance(layer, nn.Flatten):
            return (n, c * h * w)
        if isinstance(layer, (nn.Conv2d, nn.MaxPool2d, nn.AvgPool2d)):
            k, s, p = _pair(layer.kernel_size), _pair(layer.stride), _pair(layer.padding)
            h = (h + 2 * p[0] - k[0]) // s[0] + 1
            w = (w + 2 * p[1] - k[1]) // s[1] + 1
            if isinstance(layer, nn.Conv2d):
                c = layer.out_channels
    return (n, c, h, w)
