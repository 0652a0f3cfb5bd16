import torch


def uniform(shape, low, high, seed):
    torch.manual_seed(seed)
    return low + (high - low) * torch.randn(shape)
