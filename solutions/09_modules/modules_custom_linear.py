"""modules_custom_linear: a Linear layer of your own, with an optional bias.

Write MyLinear(in_features, out_features, bias=True), the same layer as
nn.Linear: weight of shape (out_features, in_features), bias of shape
(out_features,), both drawn uniformly from [-k, k] with k = 1/sqrt(in_features);
forward(x) = x @ weight.T + bias. With bias=False there is no bias parameter:
use `self.register_parameter("bias", None)` so `layer.bias` is None (what
nn.Linear does; a plain `self.bias = None` looks the same from outside).

The check compares outputs and gradients with nn.Linear on the same weights.
Not allowed: nn.Linear and F.linear (build it from @ and +).

Read: torch.nn.Linear, torch.nn.Module.register_parameter, torch.nn.init.uniform_
"""
import math

import torch
from torch import nn


class MyLinear(nn.Module):
    def __init__(self, in_features: int, out_features: int, bias: bool = True):
        super().__init__()
        k = 1 / math.sqrt(in_features)
        # TODO: self.weight, uniform in [-k, k], shape (out_features, in_features)
        self.weight = nn.Parameter(torch.empty(out_features, in_features).uniform_(-k, k))
        # TODO: self.bias, uniform in [-k, k], or registered as None when bias=False
        if bias:
            self.bias = nn.Parameter(torch.empty(out_features).uniform_(-k, k))
        else:
            self.register_parameter("bias", None)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # TODO: x @ weight.T, plus the bias when there is one
        y = x @ self.weight.T
        return y if self.bias is None else y + self.bias


if __name__ == "__main__":
    print(MyLinear(3, 2)(torch.randn(4, 3)))
    print([name for name, _ in MyLinear(3, 2, bias=False).named_parameters()])
