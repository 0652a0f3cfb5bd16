import torch


def coord_axes(images):
    _, _, h, w = images.shape
    ys = torch.arange(-1, 1, 2 / h, dtype=images.dtype, device=images.device)
    xs = torch.arange(-1, 1, 2 / w, dtype=images.dtype, device=images.device)
    return ys, xs
