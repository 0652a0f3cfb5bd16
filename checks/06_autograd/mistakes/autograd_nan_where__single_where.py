import torch


def log_or_zero(x):
    return torch.where(x > 0, torch.log(x), torch.zeros_like(x))
