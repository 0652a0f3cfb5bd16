"""layers_conv_transpose: upsampling with ConvTranspose2d, and its output size.

nn.ConvTranspose2d goes the other way from Conv2d: each input pixel spreads
a kernel-sized patch into the output, `stride` pixels apart, so the map
GROWS. Along one spatial dimension an input of size n becomes
    (n - 1) * stride - 2 * padding + dilation * (kernel_size - 1) + output_padding + 1
(padding here TRIMS the output). Decoders and U-Nets use it to double a map.
1. `transpose_out_size(n, kernel_size, stride=1, padding=0, output_padding=0,
   dilation=1)` -> that size, as a Python int.
2. `upsample2x(in_channels, out_channels)` -> an nn.ConvTranspose2d with
   kernel_size=4 whose output is exactly twice as high and as wide as its
   input, for every input size (choose its stride and padding).

Read: torch.nn.ConvTranspose2d ("Shape" section)
"""
import torch
from torch import nn


def transpose_out_size(n: int, kernel_size: int, stride: int = 1, padding: int = 0, output_padding: int = 0,
                       dilation: int = 1) -> int:
    return (n - 1) * stride - 2 * padding + dilation * (kernel_size - 1) + output_padding + 1


def upsample2x(in_channels: int, out_channels: int) -> nn.ConvTranspose2d:
    return nn.ConvTranspose2d(in_channels, out_channels, kernel_size=4, stride=2, padding=1)


if __name__ == "__main__":
    print(transpose_out_size(5, kernel_size=4, stride=2, padding=1))  # 10
    print(upsample2x(3, 8)(torch.zeros(1, 3, 5, 7)).shape)            # torch.Size([1, 8, 10, 14])
