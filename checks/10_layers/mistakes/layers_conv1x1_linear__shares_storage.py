import torch
from torch import nn


@torch.no_grad()
def conv1x1_as_linear(conv: nn.Conv2d) -> nn.Linear:
    linear = nn.Linear(conv.in_channels, conv.out_channels, bias=conv.bias is not None)
    # TODO: copy the conv's numbers into linear.weight (and linear.bias)
    linear.weight = nn.Parameter(conv.weight.detach().reshape(conv.out_channels, conv.in_channels))
    if conv.bias is not None:
        linear.bias = nn.Parameter(conv.bias.detach())
    return linear


def apply_per_pixel(linear: nn.Linear, x: torch.Tensor) -> torch.Tensor:
    # TODO: (N, C, H, W) -> (N, H, W, C) -> linear -> (N, O, H, W)
    return linear(x.permute(0, 2, 3, 1)).permute(0, 3, 1, 2)
