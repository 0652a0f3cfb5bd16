"""memory_expand: repeat a row a million times for free.

Make `tile_rows(v, n)` return an (n, d) tensor whose every row is v (shape
(d,)) WITHOUT copying: it must be a view of v's memory.

`expand` does that with a stride of 0 on the new axis: every row reads the
same d numbers. `repeat` (and stacking) copies them n times. A stride-0
tensor is read-only in practice: writing into it in place is an error, so
call .clone() on it first if you ever need to write.

Read: torch.Tensor.expand, torch.Tensor.repeat, torch.Tensor.stride.
"""
import torch


def tile_rows(v: torch.Tensor, n: int) -> torch.Tensor:
    return v.expand(n, -1)


if __name__ == "__main__":
    t = tile_rows(torch.tensor([1.0, 2.0, 3.0]), 4)
    print(t)
    print("strides:", t.stride())  # (0, 1): moving down a row moves 0 elements
