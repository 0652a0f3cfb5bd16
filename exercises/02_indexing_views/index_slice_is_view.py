"""index_slice_is_view: a slice is a window onto the same memory.

Write zero_border_(img): IN PLACE, set the border pixels of img to 0 (the
first and last row, and the first and last column, of the last two dims).
img has shape (..., H, W). Return nothing: the caller's tensor must change.

Concept: basic slicing (x[1:3], x[..., 0, :]) returns a VIEW that shares
storage with x, so assigning into a slice writes into the original. `...`
stands for "all the leading dimensions". Rebinding the name (img = ...) or
working on img.clone() leaves the caller's tensor untouched.
Read: https://pytorch.org/docs/stable/tensor_view.html
"""
import torch


def zero_border_(img):
    # TODO: four slice assignments (top row, bottom row, left column, right column)
    raise NotImplementedError


if __name__ == "__main__":
    img = torch.ones(4, 5)
    zero_border_(img)
    print(img)
