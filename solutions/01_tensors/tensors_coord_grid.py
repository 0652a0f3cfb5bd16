"""tensors_coord_grid: a coordinate grid (putting the track together).

Many models see pixel coordinates next to the pixels. Make
`coord_grid(images)` take a batch of shape (B, C, H, W) and return a tensor
of shape (H, W, 2) with grid[i, j] = (y_i, x_j): y goes from -1 (top row) to
1 (bottom row) in H steps, x from -1 (left) to 1 (right) in W steps, both
ends included. The grid must have the images' dtype and device, so that it
can be concatenated with them.

Read: torch.linspace (dtype=, device=), torch.meshgrid (indexing="ij"),
torch.stack
"""
import torch


def coord_grid(images):
    _, _, h, w = images.shape
    ys = torch.linspace(-1, 1, h, dtype=images.dtype, device=images.device)
    xs = torch.linspace(-1, 1, w, dtype=images.dtype, device=images.device)
    grid_y, grid_x = torch.meshgrid(ys, xs, indexing="ij")
    return torch.stack([grid_y, grid_x], dim=-1)


if __name__ == "__main__":
    print(coord_grid(torch.zeros(1, 3, 2, 3)))
