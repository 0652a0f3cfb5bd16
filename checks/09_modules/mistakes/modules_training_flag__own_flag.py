import torch
from torch import nn


class GaussianNoise(nn.Module):
    def __init__(self, std):
        super().__init__()
        self.std = std
        self.is_training = True

    def forward(self, x):
        if self.is_training:
            return x + self.std * torch.randn_like(x)
        return x
