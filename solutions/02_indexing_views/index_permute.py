"""index_permute: reorder dimensions without scrambling the data.

Images load as (H, W, C) (PIL, NumPy, OpenCV); PyTorch layers want (C, H, W).
Write to_channels_first(x): (..., H, W, C) -> (..., C, H, W), for a single
image (H, W, C) and for a batch (N, H, W, C) alike.

Trap: x.reshape(C, H, W) or x.view(...) gives the right SHAPE but reads the
numbers in memory order, so the pixels come out scrambled. Reordering
dimensions is permute / movedim (a view with new strides, no copy).
Read: torch.permute, torch.movedim, torch.Tensor.transpose
"""
import torch


def to_channels_first(x):
    return x.movedim(-1, -3)


if __name__ == "__main__":
    img = torch.arange(2 * 3 * 3).reshape(2, 3, 3)  # H=2, W=3, C=3
    print(to_channels_first(img)[0])  # the first channel: [[0, 3, 6], [9, 12, 15]]
