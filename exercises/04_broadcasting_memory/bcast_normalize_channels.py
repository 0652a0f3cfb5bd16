"""bcast_normalize_channels: put the stats on the right axis.

A batch of images has shape (B, C, H, W); `mean` and `std` hold one number
per channel, shape (C,). Make `normalize(x, mean, std)` return
(x - mean[c]) / std[c] for every pixel of channel c.

`x - mean` lines (C,) up with W, the LAST axis: an error, or, when W happens
to equal C, silently wrong. Reshape the stats to (C, 1, 1) or (1, C, 1, 1)
so they line up with the channel axis. No loops.

Read: torch.Tensor.view, torch.Tensor.reshape, indexing with None.
"""
import torch


def normalize(x: torch.Tensor, mean: torch.Tensor, std: torch.Tensor) -> torch.Tensor:
    # TODO: reshape mean and std so they broadcast along the channel axis (dim 1)
    ...


if __name__ == "__main__":
    x = torch.rand(2, 3, 4, 4)
    out = normalize(x, x.mean(dim=(0, 2, 3)), x.std(dim=(0, 2, 3)))
    print(out.mean(dim=(0, 2, 3)), out.std(dim=(0, 2, 3)))  # about 0 and 1
