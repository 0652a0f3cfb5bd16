"""math_cumsum: running sums turn window sums into one subtraction.

`moving_average(x, k)` averages every window of k neighbours along the LAST
dimension of x: for x of length n the result has length n - k + 1, and

    out[..., t] = mean(x[..., t : t + k])

With c = cumsum of x along the last dim and a 0 put in front of it,
the sum of x[t : t + k] is c[t + k] - c[t]: no loop over windows.
The check forbids Python loops (for/while/comprehensions) in moving_average.

Read: torch.cumsum, torch.cat (or torch.nn.functional.pad), slicing with ...
"""
import torch


def moving_average(x: torch.Tensor, k: int) -> torch.Tensor:
    # TODO: cumulative sum with a leading zero, then one subtraction of two slices, divided by k
    ...


if __name__ == "__main__":
    print(moving_average(torch.tensor([1.0, 2.0, 3.0, 4.0, 5.0]), 2))  # [1.5, 2.5, 3.5, 4.5]
