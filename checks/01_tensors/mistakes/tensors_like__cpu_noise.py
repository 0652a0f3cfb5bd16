import torch


def add_noise(x, std):
    return x + std * torch.randn(x.shape, dtype=x.dtype)
