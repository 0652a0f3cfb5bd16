import torch
from torch import nn


def describe(build, input_shape):
    model = build().to("meta")
    x = torch.empty(input_shape, device="meta")
    n_bytes = sum(p.numel() * p.element_size() for p in model.parameters())
    return n_bytes, tuple(model(x).shape)
