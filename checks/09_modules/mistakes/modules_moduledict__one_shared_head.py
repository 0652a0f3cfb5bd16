import torch
from torch import nn


class MultiTask(nn.Module):
    def __init__(self, n_in, n_hidden, tasks):
        super().__init__()
        self.trunk = nn.Sequential(nn.Linear(n_in, n_hidden), nn.ReLU())
        head = nn.Linear(n_hidden, max(tasks.values()))
        self.heads = nn.ModuleDict(dict.fromkeys(tasks, head))

    def forward(self, x, task):
        return self.heads[task](self.trunk(x))
