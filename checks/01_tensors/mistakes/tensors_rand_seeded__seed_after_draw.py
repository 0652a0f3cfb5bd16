import torch


def uniform(shape, low, high, seed):
    x = torch.rand(shape)
    torch.manual_seed(seed)
    return low + (high - low) * x
