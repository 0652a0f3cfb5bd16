"""memory_flatten: view() needs contiguous memory; reshape copies only if it must.

Make `flatten(x)` return a 1-D tensor of x's elements in row-major order
(row 0, then row 1, ...). Two demands:
  * when x is contiguous, return a VIEW (no copy: same storage as x);
  * it must also work for non-contiguous x, such as x.t() or x[:, ::2].

`x.view(-1)` fails on a transposed x: its rows are not laid out one after
another in memory, and a view cannot reorder memory. Find the call that
views when it can and copies when it must.

Read: torch.Tensor.view, torch.reshape, torch.Tensor.is_contiguous.
"""
import torch


def flatten(x: torch.Tensor) -> torch.Tensor:
    return x.reshape(-1)


if __name__ == "__main__":
    x = torch.arange(6).reshape(2, 3)
    print(flatten(x))
    print(flatten(x.t()))  # [0, 3, 1, 4, 2, 5]
