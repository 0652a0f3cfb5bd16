import torch


def blank_images(n, h, w):
    return torch.zeros(n, h, w, 3)


def keep_all_mask(n):
    return torch.ones(n, dtype=torch.bool)
