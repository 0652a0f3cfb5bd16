import math
import torch
import torch.nn.functional as F
from torch import nn
def conv_output_size(n, kernel_size, stride=1, padding=0, dilation=1):
    return (n + 2 * padding - dilation * (kernel_size - 1) - 1) // stride + 1
def conv2d_output_shape(shape, conv):
    N, C, H, W = shape
    return [N, conv.out_channels,
            conv_output_size(H, conv.kernel_size[0], conv.stride[0], conv.padding[0], conv.dilation[0]),
            conv_output_size(W, conv.kernel_size[1], conv.stride[1], conv.padding[1], conv.dilation[1])]
