"""modules_mlp_builder: an MLP of any depth from a list of sizes.

Write MLP(sizes, activation="relu", dropout=0.0). sizes=[4, 16, 8, 2] means
Linear(4, 16) -> act -> Linear(16, 8) -> act -> Linear(8, 2): one Linear per
pair of neighbouring sizes, and after every Linear EXCEPT the last, the
activation ("relu", "tanh" or "gelu": nn.ReLU, nn.Tanh, nn.GELU), then
nn.Dropout(dropout) when dropout > 0. The last layer's output stays raw.
An unknown activation name raises ValueError.

Build the layers in a Python list and register them (nn.Sequential(*layers)
or nn.ModuleList), in order.

Read: torch.nn.Sequential, zip(sizes, sizes[1:])
"""
import torch
from torch import nn

ACTIVATIONS = {"relu": nn.ReLU, "tanh": nn.Tanh, "gelu": nn.GELU}


class MLP(nn.Module):
    def __init__(self, sizes: list[int], activation: str = "relu", dropout: float = 0.0):
        super().__init__()
        # TODO: raise ValueError for an unknown activation name
        # TODO: build the layers and register them (self.net)
        ...

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # TODO: run x through the layers
        raise NotImplementedError


if __name__ == "__main__":
    print(MLP([4, 16, 8, 2], activation="gelu", dropout=0.1))
