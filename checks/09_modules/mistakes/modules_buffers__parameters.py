import torch
from torch import nn


class Standardize(nn.Module):
    def __init__(self, data):
        super().__init__()
        self.mean = nn.Parameter(data.mean(dim=0), requires_grad=False)
        self.std = nn.Parameter(data.std(dim=0), requires_grad=False)

    def forward(self, x):
        return (x - self.mean) / self.std
