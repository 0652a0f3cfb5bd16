import torch


def sample_points(a, b, n):
    return torch.arange(a, b, (b - a) / n)


def bin_edges(lo, hi, bins):
    return torch.arange(lo, hi, (hi - lo) / bins)
