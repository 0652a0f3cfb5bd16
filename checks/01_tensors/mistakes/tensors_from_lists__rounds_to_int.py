import torch


def as_float_tensor(rows):
    return torch.tensor(rows).long().float()
