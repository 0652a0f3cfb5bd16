"""index_slicing: take parts of a tensor with [] and slices.

x is a 2-D tensor of shape (N, M). Write three one-liners:
  last_column(x)      -> the last column, shape (N,)
  inner(x)            -> x without its border (first and last row and column), shape (N-2, M-2)
  every_other_row(x)  -> rows 0, 2, 4, ...; shape (ceil(N/2), M)

Concept: x[i, j], negative indices (-1 is the last one), and start:stop:step
slices. An integer index removes its dimension; a slice keeps it.
Read: https://pytorch.org/docs/stable/tensor_view.html (and NumPy's "Indexing on ndarrays").
"""
import torch


def last_column(x):
    # TODO: one index expression
    ...


def inner(x):
    # TODO: one index expression
    ...


def every_other_row(x):
    # TODO: one index expression
    ...


if __name__ == "__main__":
    x = torch.arange(20).reshape(4, 5)
    print(x)
    print("last column:", last_column(x))
    print("inner:\n", inner(x))
    print("every other row:\n", every_other_row(x))
