"""intro3: asking for hints.

Make `sevens_like(x)` return a tensor with the same shape, dtype and device
as `x`, filled with the value 7.

This docstring does not say which function to use on purpose: press `h` in
watch mode (or run `dlings hint`) to reveal hints one at a time.
"""
import torch


def sevens_like(x: torch.Tensor) -> torch.Tensor:
    # TODO: return a tensor shaped like x, every element 7
    raise NotImplementedError


if __name__ == "__main__":
    print(sevens_like(torch.zeros(2, 3)))
