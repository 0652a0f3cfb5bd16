"""cnn_augment_flip: mirror images at random so a position-bound model generalises.

A CNN whose head is a Linear over the whole flattened feature map learns WHERE
objects are. Trained on `data.shapes(variant="shifted")` (objects only in the
left half) it is at chance on the test set (objects only in the right half).
Every shape class is mirror-symmetric, so a left-right flip never changes the
label: flipping half the training images puts objects on the right too.

Write `random_hflip(images)`: images is a batch (N, C, H, W); return a NEW
tensor in which each image, independently, with probability 0.5, is mirrored
left-right (along the width, the last dim) and otherwise left as it is, with
the dtype and device of `images` (uint8 images stay uint8). Do not modify `images`. The check trains such a model with your function (Adam,
3 epochs) and wants at least 75 % test accuracy; without flips it gets 15 %.

Read: torch.flip, torch.where, torch.rand
"""
import torch


def random_hflip(images: torch.Tensor) -> torch.Tensor:
    # TODO: one coin per image; mirror the chosen ones along the width
    raise NotImplementedError


if __name__ == "__main__":
    x = torch.arange(6.0).reshape(2, 1, 1, 3)
    print(random_hflip(x))
