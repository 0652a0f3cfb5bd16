"""memory_clone: a view that writes through.

`doubled_first_column(x)` should return twice the first column of x and
leave x alone, but it changes the caller's x: `x[:, 0]` is a view, and the
in-place `*=` writes into x's memory.

Fix it so the result is a tensor of its own (writing into it later must not
touch x either). Watch out: `.detach()` shares memory too, and
`.contiguous()` returns the SAME memory when the view is already contiguous.

Read: torch.Tensor.clone, "Tensor Views" in the PyTorch docs.
"""
import torch


def doubled_first_column(x: torch.Tensor) -> torch.Tensor:
    col = x[:, 0]  # TODO: col shares x's memory; make it a copy
    col *= 2
    return col


if __name__ == "__main__":
    x = torch.ones(3, 2)
    print(doubled_first_column(x))
    print(x)  # should still be all ones
