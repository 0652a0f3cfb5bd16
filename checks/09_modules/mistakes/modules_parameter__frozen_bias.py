import torch
from torch import nn


class Affine(nn.Module):
    def __init__(self, n: int):
        super().__init__()
        self.weight = nn.Parameter(torch.ones(n))
        self.bias = nn.Parameter(torch.zeros(n), requires_grad=False)

    def forward(self, x):
        return x * self.weight + self.bias
