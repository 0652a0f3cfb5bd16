import torch


def sparse_entries(x):
    indices = torch.nonzero(x)
    values = torch.stack([x[tuple(i)] for i in indices]) if len(indices) else x.new_zeros(0)
    return indices, values
