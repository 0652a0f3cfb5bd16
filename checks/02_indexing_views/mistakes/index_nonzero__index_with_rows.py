import torch


def sparse_entries(x):
    indices = torch.nonzero(x)
    return indices, x[indices]
