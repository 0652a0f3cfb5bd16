import torch
from torch import nn


def describe(build, input_shape):
    torch.set_default_device("meta")
    model = build()
    x = torch.empty(input_shape)
    n_bytes = sum(p.numel() * p.element_size() for p in model.parameters())
    return n_bytes, tuple(model(x).shape)
