import torch
from torch import nn


class PrefixMean(nn.Module):
    def __init__(self, n):
        super().__init__()
        ones = torch.tril(torch.ones(n, n))
        self.avg = ones / ones.sum(dim=1, keepdim=True)

    def forward(self, x):
        return x @ self.avg.T
