"""layers_conv_output_size: how big is a convolution's output?

Along one spatial dimension, a convolution with kernel k, stride s, padding p
and dilation d turns an input of size n into
    floor((n + 2*p - d*(k - 1) - 1) / s) + 1
(the dilated kernel spans d*(k-1)+1 cells; count how many strided positions fit).
1. `conv_output_size(n, kernel_size, stride=1, padding=0, dilation=1)` -> int.
2. `conv2d_output_shape(shape, conv)`: the output shape (N, C_out, H_out, W_out)
   of an nn.Conv2d `conv` for an input of shape (N, C_in, H, W), read from
   conv.out_channels, conv.kernel_size, conv.stride, conv.padding, conv.dilation
   (each a (height, width) pair). Compute it: do not run the conv.

Read: torch.nn.Conv2d ("Shape" section)
"""
import torch
from torch import nn


def conv_output_size(n: int, kernel_size: int, stride: int = 1, padding: int = 0, dilation: int = 1) -> int:
    # TODO
    ...


def conv2d_output_shape(shape: tuple[int, int, int, int], conv: nn.Conv2d) -> tuple[int, int, int, int]:
    # TODO: use conv_output_size once per spatial dimension
    ...


if __name__ == "__main__":
    print(conv_output_size(32, 3, stride=2, padding=1))  # 16
    print(conv2d_output_shape((8, 3, 32, 32), nn.Conv2d(3, 16, kernel_size=5)))  # (8, 16, 28, 28)
