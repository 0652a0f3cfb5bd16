import torch
from torch import nn


def transpose_out_size(n: int, kernel_size: int, stride: int = 1, padding: int = 0, output_padding: int = 0,
                       dilation: int = 1) -> int:
    return (n - 1) * stride - 2 * padding + dilation * (kernel_size - 1) + 1


def upsample2x(in_channels: int, out_channels: int) -> nn.ConvTranspose2d:
    return nn.ConvTranspose2d(in_channels, out_channels, kernel_size=4, stride=2, padding=1)
