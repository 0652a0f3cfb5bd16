"""tensors_zeros_ones: tensors made from a shape.

torch.zeros and torch.ones take a shape (several ints, or one tuple) and an
optional dtype=. Write two helpers a model needs every day:

- `blank_images(n, h, w)`: a batch of n black RGB images. PyTorch stores
  images channels first, so the shape is (n, 3, h, w); dtype float32.
- `keep_all_mask(n)`: a mask of n True values, dtype torch.bool.

Read: torch.zeros, torch.ones
"""
import torch


def blank_images(n, h, w):
    return torch.zeros(n, 3, h, w)


def keep_all_mask(n):
    return torch.ones(n, dtype=torch.bool)


if __name__ == "__main__":
    print(blank_images(1, 2, 3))
    print(keep_all_mask(3))
