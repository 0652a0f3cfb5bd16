"""layers_residual_stack: a stack of blocks in an nn.ModuleList.

Build `ResidualStack(dim, depth, p)`: `self.blocks` holds `depth` SEPARATE
blocks, each nn.Sequential(nn.LayerNorm(dim), nn.Linear(dim, dim), nn.GELU(),
nn.Dropout(p)), and forward applies them in order with a skip connection:
    x = x + block(x)
Keep the blocks in an nn.ModuleList: a plain Python list hides their
parameters from .parameters(), state_dict(), .to() and .eval(). Build a new
block for every slot ([block] * depth would share one block's weights).

Read: torch.nn.ModuleList, torch.nn.Sequential
"""
import torch
from torch import nn


class ResidualStack(nn.Module):
    def __init__(self, dim: int, depth: int, p: float = 0.1):
        super().__init__()
        # TODO: self.blocks = an nn.ModuleList of `depth` fresh blocks
        raise NotImplementedError

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # TODO: x = x + block(x) for each block
        raise NotImplementedError


if __name__ == "__main__":
    model = ResidualStack(8, 3)
    print(sum(p.numel() for p in model.parameters()), "parameters")
