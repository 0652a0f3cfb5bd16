import torch


def first_tensor():
    return torch.tensor([3.0, 2.0, 1.0])
