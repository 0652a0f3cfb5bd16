"""index_clone_first: edit a copy, not the caller's data.

Write cutout(img, top, left, size): data augmentation that blanks a square.
Return a NEW tensor equal to img except that the size x size square whose
top-left corner is (top, left) in the last two dims is 0. img has shape
(..., H, W) and must stay exactly as it was (it is reused next epoch).

Trap: out = img, out = img[:] and out = img.view(...) all share img's memory,
so writing into out also writes into img.
Read: torch.Tensor.clone, https://pytorch.org/docs/stable/tensor_view.html
"""
import torch


def cutout(img, top, left, size):
    out = img.clone()
    out[..., top:top + size, left:left + size] = 0
    return out


if __name__ == "__main__":
    img = torch.ones(5, 6)
    print(cutout(img, 1, 2, 3))
    print(img)  # still all ones
