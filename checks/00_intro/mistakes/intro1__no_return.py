import torch


def first_tensor():
    torch.tensor([1.0, 2.0, 3.0])
