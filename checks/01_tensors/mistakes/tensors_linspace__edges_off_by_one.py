import torch


def sample_points(a, b, n):
    return torch.linspace(a, b, n)


def bin_edges(lo, hi, bins):
    return torch.linspace(lo, hi, bins)
