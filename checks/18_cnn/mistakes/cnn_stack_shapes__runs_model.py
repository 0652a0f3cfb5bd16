import torch
from torch import nn


def stack_output_shape(layers: nn.Sequential, input_shape: tuple) -> tuple:
    with torch.no_grad():
        return tuple(layers(torch.zeros(input_shape)).shape)
