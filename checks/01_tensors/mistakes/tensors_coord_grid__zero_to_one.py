import torch


def coord_axes(images):
    _, _, h, w = images.shape
    ys = torch.linspace(0, 1, h, dtype=images.dtype, device=images.device)
    xs = torch.linspace(0, 1, w, dtype=images.dtype, device=images.device)
    return ys, xs
