"""inithooks_kaiming_fans: Kaiming (He) normal init, and what fan_in/fan_out mean.

A weight of shape (out, in, *kernel) has receptive field r = prod(kernel)
(1 for nn.Linear, kh*kw for nn.Conv2d), fan_in = in * r, fan_out = out * r.
1. compute_fans(weight) -> (fan_in, fan_out) as Python ints.
2. kaiming_normal(weight, mode): fill weight in place (under torch.no_grad())
   with N(0, std**2), std = gain / sqrt(fan), gain = sqrt(2) for ReLU, fan =
   fan_in if mode == "fan_in" else fan_out. fan_in keeps the forward
   activations' variance; fan_out keeps the backward gradients' variance.
The check forbids nn.init.kaiming_normal_ and nn.init._calculate_fan_in_and_fan_out.
Read: torch.nn.init.kaiming_normal_, torch.Tensor.normal_
"""
import math

import torch
from torch import nn


def compute_fans(weight: torch.Tensor) -> tuple[int, int]:
    receptive = math.prod(weight.shape[2:])
    return weight.shape[1] * receptive, weight.shape[0] * receptive


def kaiming_normal(weight: torch.Tensor, mode: str = "fan_in") -> torch.Tensor:
    fan_in, fan_out = compute_fans(weight)
    fan = fan_in if mode == "fan_in" else fan_out
    std = math.sqrt(2.0) / math.sqrt(fan)
    with torch.no_grad():
        weight.normal_(0.0, std)
    return weight


if __name__ == "__main__":
    conv = nn.Conv2d(16, 64, kernel_size=3)
    print("fans of a Conv2d(16, 64, 3) weight:", compute_fans(conv.weight))
