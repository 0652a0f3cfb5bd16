import torch
from torch import nn


def conv_output_size(n: int, kernel_size: int, stride: int = 1, padding: int = 0, dilation: int = 1) -> int:
    # TODO
    return (n + 2 * padding - dilation * (kernel_size - 1) - 1) / stride + 1


def conv2d_output_shape(shape: tuple[int, int, int, int], conv: nn.Conv2d) -> tuple[int, int, int, int]:
    # TODO: use conv_output_size once per spatial dimension
    n, _, h, w = shape
    sizes = [conv_output_size(size, conv.kernel_size[i], conv.stride[i], conv.padding[i], conv.dilation[i])
             for i, size in enumerate((h, w))]
    return (n, conv.out_channels, *sizes)

