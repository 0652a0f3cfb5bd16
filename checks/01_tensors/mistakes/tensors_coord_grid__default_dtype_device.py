import torch


def coord_axes(images):
    _, _, h, w = images.shape
    return torch.linspace(-1, 1, h), torch.linspace(-1, 1, w)
