import torch


def coord_grid(images):
    _, _, h, w = images.shape
    ys = torch.linspace(-1, 1, h).to(images)
    xs = torch.linspace(-1, 1, w).to(images)
    grid_y, grid_x = torch.meshgrid(ys, xs, indexing="ij")
    return torch.stack([grid_x, grid_y], dim=-1)
