import torch


def blank_images(n, h, w):
    return torch.zeros((n, 3, h, w))


def keep_all_mask(n):
    return torch.ones(n)
