import torch


def add_noise(x, std):
    return std * torch.randn_like(x)
