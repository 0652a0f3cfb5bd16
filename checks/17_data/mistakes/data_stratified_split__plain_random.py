import torch


def stratified_split(labels, val_fraction, seed):
    g = torch.Generator().manual_seed(seed)
    order = torch.randperm(len(labels), generator=g)
    n_val = int(len(labels) * val_fraction)
    return order[n_val:], order[:n_val]
