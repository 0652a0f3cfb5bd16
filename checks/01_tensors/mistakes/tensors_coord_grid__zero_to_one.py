import torch


def coord_grid(images):
    _, _, h, w = images.shape
    ys = torch.linspace(0, 1, h, dtype=images.dtype, device=images.device)
    xs = torch.linspace(0, 1, w, dtype=images.dtype, device=images.device)
    grid_y, grid_x = torch.meshgrid(ys, xs, indexing="ij")
    return torch.stack([grid_y, grid_x], dim=-1)
