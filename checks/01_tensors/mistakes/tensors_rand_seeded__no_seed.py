import torch


def uniform(shape, low, high, seed):
    return low + (high - low) * torch.rand(shape)
