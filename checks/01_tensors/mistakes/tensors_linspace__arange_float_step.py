import torch


def sample_points(a, b, n):
    step = (b - a) / (n - 1)
    return torch.arange(a, b + step, step)


def bin_edges(lo, hi, bins):
    return torch.linspace(lo, hi, bins + 1)
