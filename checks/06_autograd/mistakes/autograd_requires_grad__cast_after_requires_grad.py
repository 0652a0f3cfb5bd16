import torch


def make_leaf(values):
    return torch.tensor(values, dtype=torch.float64, requires_grad=True).float()
