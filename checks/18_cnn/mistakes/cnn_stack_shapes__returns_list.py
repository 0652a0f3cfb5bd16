"""cnn_stack_shapes: the shape that comes out of a conv/pool stack, worked out by hand.

Write `stack_output_shape(layers, input_shape)`: `layers` is an nn.Sequential of
nn.Conv2d, nn.MaxPool2d, nn.AvgPool2d (ceil_mode off), shape-keeping layers
(nn.ReLU, nn.BatchNorm2d, nn.Dropout) and nn.Flatten() (start_dim=1), always last;
input_shape is (N, C, H, W). Return the output shape as a tuple of ints,
computed from each layer's attributes WITHOUT running the model. Along each
spatial dim: out = floor((size + 2*padding - dilation*(kernel - 1) - 1) / stride) + 1.
Conv2d stores kernel_size, stride, padding, dilation as (h, w) tuples; the
pooling layers may store plain ints (AvgPool2d has no dilation: use 1).

Read: torch.nn.Conv2d and torch.nn.MaxPool2d ("Shape" sections)
"""
import torch
from torch import nn


def _pair(v):
    return (v, v) if isinstance(v, int) else tuple(v)


def stack_output_shape(layers: nn.Sequential, input_shape: tuple) -> tuple:
    n, c, h, w = input_shape
    for layer in layers:
        if isinstance(layer, nn.Flatten):
            return [n, c * h * w]
        if isinstance(layer, (nn.Conv2d, nn.MaxPool2d, nn.AvgPool2d)):
            k, s, p = _pair(layer.kernel_size), _pair(layer.stride), _pair(layer.padding)
            d = _pair(getattr(layer, "dilation", 1))
            h = (h + 2 * p[0] - d[0] * (k[0] - 1) - 1) // s[0] + 1
            w = (w + 2 * p[1] - d[1] * (k[1] - 1) - 1) // s[1] + 1
            if isinstance(layer, nn.Conv2d):
                c = layer.out_channels
    return [n, c, h, w]


if __name__ == "__main__":
    stack = nn.Sequential(nn.Conv2d(3, 8, 5), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(8, 16, 3, padding=1), nn.Flatten())
    print(stack_output_shape(stack, (4, 3, 32, 32)))
