import torch


def sparse_entries(x):
    indices = torch.stack(torch.where(x != 0))
    return indices, x[x != 0]
