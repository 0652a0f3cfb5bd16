import torch


def sparse_entries(x):
    indices = torch.nonzero(x, as_tuple=True)
    return indices, x[indices]
