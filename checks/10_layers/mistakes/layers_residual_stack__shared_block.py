import torch
from torch import nn


class ResidualStack(nn.Module):
    def __init__(self, dim: int, depth: int, p: float = 0.1):
        super().__init__()
        # TODO: self.blocks = an nn.ModuleList of `depth` fresh blocks
        block = nn.Sequential(nn.LayerNorm(dim), nn.Linear(dim, dim), nn.GELU(), nn.Dropout(p))
        self.blocks = nn.ModuleList([block] * depth)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # TODO: x = x + block(x) for each block
        for block in self.blocks:
            x = x + block(x)
        return x

