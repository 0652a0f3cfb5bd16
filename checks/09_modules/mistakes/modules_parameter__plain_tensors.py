import torch
from torch import nn


class Affine(nn.Module):
    def __init__(self, n: int):
        super().__init__()
        self.weight = torch.ones(n, requires_grad=True)
        self.bias = torch.zeros(n, requires_grad=True)

    def forward(self, x):
        return x * self.weight + self.bias
