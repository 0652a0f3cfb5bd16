"""inithooks_xavier_uniform: Xavier (Glorot) uniform initialisation, by hand.

`weight` has the shape of nn.Linear.weight: (fan_out, fan_in). Fill it IN PLACE
with values drawn from U(-a, a), where a = gain * sqrt(6 / (fan_in + fan_out)),
and return it. The weight is an nn.Parameter, so write into it under
torch.no_grad(). This bound gives Var(w) = gain**2 * 2 / (fan_in + fan_out),
which keeps the signal's variance about the same forwards and backwards.
The check forbids nn.init.xavier_uniform_: build it from Tensor.uniform_.
Read: torch.nn.init (xavier_uniform_), torch.Tensor.uniform_, torch.no_grad
"""
import math

import torch
from torch import nn


def xavier_uniform(weight: torch.Tensor, gain: float = 1.0) -> torch.Tensor:
    fan_out, fan_in = weight.shape
    a = math.sqrt(6.0 / (fan_in + fan_out))
    with torch.no_grad():
        weight.uniform_(-a, a)
    return weight


if __name__ == "__main__":
    layer = nn.Linear(400, 200)
    xavier_uniform(layer.weight, gain=1.0)
    print("max |w|:", layer.weight.abs().max().item(), " theory:", math.sqrt(6 / 600))
