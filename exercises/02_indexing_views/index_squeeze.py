"""index_squeeze: remove or add exactly one size-1 dimension.

Masks from a segmentation model come as (B, 1, H, W); a loss wants (B, H, W).
  drop_channel(x) -> (B, 1, H, W) to (B, H, W)
  add_channel(x)  -> (B, H, W) to (B, 1, H, W)
Both must work for every B, H, W, including 1.

Trap: x.squeeze() with no argument removes EVERY size-1 dimension, so a
batch of one image (1, 1, H, W) comes out as (H, W).
Read: torch.squeeze, torch.unsqueeze
"""
import torch


def drop_channel(x):
    # TODO
    ...


def add_channel(x):
    # TODO
    ...


if __name__ == "__main__":
    x = torch.zeros(1, 1, 4, 4)
    print(x.squeeze().shape)        # torch.Size([4, 4]): the batch is gone
    print(drop_channel(x).shape)    # torch.Size([1, 4, 4])
    print(add_channel(torch.zeros(2, 4, 4)).shape)  # torch.Size([2, 1, 4, 4])
