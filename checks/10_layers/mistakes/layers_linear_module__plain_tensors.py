import math

import torch
from torch import nn


class MyLinear(nn.Module):
    def __init__(self, in_features, out_features, bias=True):
        super().__init__()
        k = 1 / math.sqrt(in_features)
        self.weight = torch.empty(out_features, in_features).uniform_(-k, k).requires_grad_()
        self.bias = torch.empty(out_features).uniform_(-k, k).requires_grad_() if bias else None

    def forward(self, x):
        out = x @ self.weight.T
        return out + self.bias if self.bias is not None else out
