import torch


def even_numbers(n):
    return torch.arange(0, 2 * n, 2.0)


def quarter_steps(n):
    return torch.arange(0, n + 0.25, 0.25)
