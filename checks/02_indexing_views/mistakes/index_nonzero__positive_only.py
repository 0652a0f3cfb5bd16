import torch


def sparse_entries(x):
    indices = torch.nonzero(x > 0)
    return indices, x[x > 0]
