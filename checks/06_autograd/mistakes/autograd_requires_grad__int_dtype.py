import torch


def make_leaf(values):
    return torch.tensor(values).requires_grad_()
