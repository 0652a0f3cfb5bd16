import torch


def log_or_zero(x):
    return torch.log(x.abs() + 1e-8)
