import torch


def sevens_like(x):
    return torch.ones(x.shape) * 7
