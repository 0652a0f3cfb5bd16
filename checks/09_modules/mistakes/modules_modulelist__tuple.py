import torch
from torch import nn


class Tower(nn.Module):
    def __init__(self, n_layers, width):
        super().__init__()
        self.layers = tuple(nn.Linear(width, width) for _ in range(n_layers))

    def forward(self, x):
        for layer in self.layers:
            x = x + torch.tanh(layer(x))
        return x
