import torch


def coord_axes(images):
    _, _, h, w = images.shape
    ys = torch.linspace(-1, 1, h, dtype=images.dtype)
    xs = torch.linspace(-1, 1, w, dtype=images.dtype)
    return ys, xs
