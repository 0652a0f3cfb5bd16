import torch
from torch import nn


def describe(build, input_shape):
    with torch.device("meta"):
        model = build()
    x = torch.zeros(input_shape)
    n_bytes = sum(p.numel() * p.element_size() for p in model.parameters())
    return n_bytes, tuple(model(x).shape)
