import torch


def as_float_tensor(rows):
    return torch.tensor(rows, dtype=torch.double)
