import torch


def log_or_zero(x):
    return torch.nan_to_num(torch.log(x).masked_fill(x <= 0, 0.0))
