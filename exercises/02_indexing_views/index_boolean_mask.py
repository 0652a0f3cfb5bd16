"""index_boolean_mask: select elements with a condition.

Write two functions:
  above(x, t)       -> a 1-D tensor of the elements of x strictly greater
                       than t, in the order they appear (row by row)
  mean_positive(x)  -> the mean of the strictly positive elements of x only
                       (a 0-d tensor)

Concept: x > t is a bool tensor (a mask) of x's shape; x[mask] keeps the
elements where it is True and returns them flattened to 1-D (a copy).
Multiplying by a mask keeps the zeros, and zeros change a mean.
Read: https://pytorch.org/docs/stable/tensor_view.html, torch.masked_select
"""
import torch


def above(x, t):
    # TODO
    ...


def mean_positive(x):
    # TODO
    ...


if __name__ == "__main__":
    x = torch.tensor([[1.0, -2.0, 3.0], [0.0, 5.0, -1.0]])
    print(above(x, 1.0))      # tensor([3., 5.])
    print(mean_positive(x))   # tensor(3.)
