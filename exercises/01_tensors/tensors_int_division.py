"""tensors_int_division: `/` always gives floats, `//` keeps integers.

On int64 tensors, `a / b` is TRUE division: the result is float32, even when
b divides a exactly. `a // b` is floor division and `a % b` the remainder;
both stay int64. And some reductions refuse integers outright: x.mean() on
an int64 tensor raises an error.

- `split_index(idx, width)`: idx holds flat pixel indices (int64) of an image
  `width` pixels wide. Return (row, col), both int64 tensors, exact for
  images of any size (the check uses an 8192 x 8192 one): float32 holds
  whole numbers exactly only up to 2**24, so a detour through `/` gets the
  last pixels of a row wrong there. Stay in integers (`//`, `%`).
- `mean_of_ints(x)`: the mean of all values of an int64 tensor, as a float32
  0-d tensor.

Read: torch.div (rounding_mode), torch.remainder, torch.mean, "Type promotion"
"""
import torch


def split_index(idx, width):
    # TODO: row and col of each flat index
    row = ...
    col = ...
    return row, col


def mean_of_ints(x):
    # TODO: cast first, then average
    ...


if __name__ == "__main__":
    print(torch.tensor([7, 8]) / 2, torch.tensor([7, 8]) // 2)
    print(split_index(torch.tensor([0, 5, 13]), 5))
