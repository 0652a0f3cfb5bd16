"""layers_linear_module: a Linear layer as an nn.Module.

Write `MyLinear(in_features, out_features, bias=True)`, a drop-in for nn.Linear:
- `self.weight` of shape (out_features, in_features) and `self.bias` of shape
  (out_features,) must be registered parameters (nn.Parameter), so that
  .parameters(), optimizers and state_dict see them; with bias=False set
  `self.bias = None` (no parameter at all).
- initialise both uniformly in [-k, k] with k = 1 / sqrt(in_features).
- forward(x) returns x @ weight.T + bias. Not allowed: F.linear, nn.Linear.

Read: torch.nn.Parameter, torch.nn.Linear (its "Variables" section), torch.Tensor.uniform_
"""
import math

import torch
from torch import nn


class MyLinear(nn.Module):
    def __init__(self, in_features: int, out_features: int, bias: bool = True):
        super().__init__()
        k = 1 / math.sqrt(in_features)
        # TODO: register self.weight (and self.bias, or None), uniform in [-k, k]
        raise NotImplementedError

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # TODO: the same computation as layers_linear_fn
        raise NotImplementedError


if __name__ == "__main__":
    layer = MyLinear(3, 2)
    print([(n, tuple(p.shape)) for n, p in layer.named_parameters()])
