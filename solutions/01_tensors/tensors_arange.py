"""tensors_arange: ranges, with the end left out.

torch.arange(start, end, step) counts like Python's range: `end` is NOT
included. It keeps the dtype of its arguments: all ints give int64, any float
gives float32.

- `even_numbers(n)`: the first n even numbers, 0, 2, ..., 2n - 2 (int64).
- `quarter_steps(n)`: 0.0, 0.25, 0.5, ... up to but not including n (float32).

Read: torch.arange
"""
import torch


def even_numbers(n):
    return torch.arange(0, 2 * n, 2)


def quarter_steps(n):
    return torch.arange(0, n, 0.25)


if __name__ == "__main__":
    print(even_numbers(5))
    print(quarter_steps(2))
