"""modules_modulelist: a plain Python list hides layers from PyTorch.

Tower below keeps its layers in a plain Python list. It runs, but nn.Module
does not look inside lists: .parameters() is empty, so an optimizer trains
nothing, state_dict() saves nothing and .to(device) moves nothing.

Fix __init__ so the n_layers Linear(width, width) layers are registered
(nn.ModuleList), each one a separate layer with its own weights. Leave
forward as it is.

Read: torch.nn.ModuleList
"""
import torch
from torch import nn


class Tower(nn.Module):
    def __init__(self, n_layers: int, width: int):
        super().__init__()
        # TODO: the layers are invisible to PyTorch in a plain list; register them
        self.layers = nn.ModuleList([nn.Linear(width, width) for _ in range(n_layers)])

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        for layer in self.layers:
            x = x + torch.tanh(layer(x))
        return x


if __name__ == "__main__":
    tower = Tower(3, 4)
    print("parameters:", sum(p.numel() for p in tower.parameters()))
