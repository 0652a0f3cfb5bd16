"""tensors_coord_grid: the two axes of a coordinate grid (putting the track together).

Many models see pixel coordinates next to the pixels; such a grid is built
from two axes, made here. Make `coord_axes(images)` take a batch of shape
(B, C, H, W) (H and W are at least 2) and return (ys, xs):
- ys, shape (H,): from -1 (top row) to 1 (bottom row) in H evenly spaced steps;
- xs, shape (W,): from -1 (left column) to 1 (right column) in W steps.
Both ends are included. Both must have the images' dtype and device, so that
they can be combined with the images.

Read: torch.linspace (dtype=, device=), torch.Tensor.shape
"""
import torch


def coord_axes(images):
    # TODO: read H and W from images.shape, then make ys and xs with linspace,
    #       in the images' dtype and on their device
    ...


if __name__ == "__main__":
    print(coord_axes(torch.zeros(1, 3, 2, 3)))  # (tensor([-1., 1.]), tensor([-1., 0., 1.]))
