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
    # TODO: read H and W from the shape, make ys and xs, combine them
    ...


if __name__ == "__main__":
    print(coord_grid(torch.zeros(1, 3, 2, 3)))
