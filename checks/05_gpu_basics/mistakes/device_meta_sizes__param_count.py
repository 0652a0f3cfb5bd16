import torch
from torch import nn


def describe(build, input_shape):
    with torch.device("meta"):
        model = build()
        x = torch.empty(input_shape)
    return sum(p.numel() for p in model.parameters()), tuple(model(x).shape)
