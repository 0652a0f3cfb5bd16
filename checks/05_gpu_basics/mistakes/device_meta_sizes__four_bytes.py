import torch
from torch import nn


def describe(build, input_shape):
    with torch.device("meta"):
        model = build()
        x = torch.empty(input_shape)
    n_bytes = sum(p.numel() for p in model.parameters()) * 4
    return n_bytes, tuple(model(x).shape)
