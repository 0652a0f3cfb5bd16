import torch
from torch import nn


class PrefixMean(nn.Module):
    def __init__(self, n):
        super().__init__()
        self.register_buffer("avg", torch.tril(torch.ones(n, n)), persistent=False)

    def forward(self, x):
        return x @ self.avg.T
