import torch


def coord_axes(images):
    _, _, w, h = images.shape
    ys = torch.linspace(-1, 1, h, dtype=images.dtype, device=images.device)
    xs = torch.linspace(-1, 1, w, dtype=images.dtype, device=images.device)
    return ys, xs
