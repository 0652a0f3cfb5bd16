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
    # TODO: receptive field, then (fan_in, fan_out)
    raise NotImplementedError


def kaiming_normal(weight: torch.Tensor, mode: str = "fan_in") -> torch.Tensor:
    # TODO: std = sqrt(2) / sqrt(fan); fill in place; return weight
    raise NotImplementedError


if __name__ == "__main__":
    conv = nn.Conv2d(16, 64, kernel_size=3)
    print("fans of a Conv2d(16, 64, 3) weight:", compute_fans(conv.weight))
