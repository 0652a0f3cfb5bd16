import torch


def make_leaf(values):
    return torch.tensor(values, dtype=torch.float32)
