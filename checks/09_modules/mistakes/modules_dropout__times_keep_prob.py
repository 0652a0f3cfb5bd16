import torch
from torch import nn


class MyDropout(nn.Module):
    def __init__(self, p: float = 0.5):
        super().__init__()
        self.p = p

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # TODO: in training mode keep each element with probability 1 - p, scaled by 1 / (1 - p)
        if not self.training:
            return x
        keep = torch.rand_like(x) >= self.p
        return x * keep * (1 - self.p)
