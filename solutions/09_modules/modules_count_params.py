"""modules_count_params: how big is this model?

The size of a model is the number of scalars in its parameters: the sum of
p.numel() over model.parameters(). Buffers (BatchNorm running statistics)
are not parameters, and a weight shared by two layers counts once
(.parameters() already yields it once). With trainable_only=True, count only
the parameters that will be trained (requires_grad=True).

Write count_parameters(model, trainable_only=False) returning a Python int.

Read: torch.nn.Module.parameters, torch.Tensor.numel
"""
import torch
from torch import nn


def count_parameters(model: nn.Module, trainable_only: bool = False) -> int:
    # TODO: add up p.numel() over the (trainable) parameters
    return sum(p.numel() for p in model.parameters() if p.requires_grad or not trainable_only)


if __name__ == "__main__":
    net = nn.Sequential(nn.Linear(10, 5), nn.ReLU(), nn.Linear(5, 2))
    print(count_parameters(net))  # 10*5 + 5 + 5*2 + 2 = 67
