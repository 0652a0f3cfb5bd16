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
    # TODO: walk the layers, updating (n, c, h, w)
    raise NotImplementedError


if __name__ == "__main__":
    stack = nn.Sequential(nn.Conv2d(3, 8, 5), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(8, 16, 3, padding=1), nn.Flatten())
    print(stack_output_shape(stack, (4, 3, 32, 32)))
