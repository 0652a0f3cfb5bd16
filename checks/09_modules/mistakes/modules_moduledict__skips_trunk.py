import torch
from torch import nn


class MultiTask(nn.Module):
    def __init__(self, n_in, n_hidden, tasks):
        super().__init__()
        self.trunk = nn.Sequential(nn.Linear(n_in, n_hidden), nn.ReLU())
        self.heads = nn.ModuleDict({name: nn.Linear(n_in, n_out) for name, n_out in tasks.items()})

    def forward(self, x, task):
        return self.heads[task](x)
