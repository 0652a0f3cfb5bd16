"""index_nonzero: where are the non-zero entries?

A sparse tensor keeps only its non-zero entries: their coordinates and their
values. Write sparse_entries(x) for a tensor x of ANY rank (1-D, 2-D, 3-D...)
that returns (indices, values):
  indices: int64, shape (K, x.dim()); row k holds the coordinates of the k-th
           non-zero entry, in row-major order (the order x.flatten() visits);
  values:  shape (K,), x's dtype: the values of those entries, same order.
"Non-zero" means != 0: negative values count, and so does NaN. K may be 0.

Concept: torch.nonzero lists coordinates as ROWS of one tensor; indexing x
with them needs one index tensor per dimension, given together.
The check forbids Python loops.
Read: torch.nonzero (as_tuple), torch.argwhere, "Indexing" (integer arrays)
"""
import torch


def sparse_entries(x):
    indices = torch.nonzero(x)
    values = x[tuple(indices.T)]
    return indices, values


if __name__ == "__main__":
    x = torch.tensor([[0.0, -2.0, 0.0], [3.0, 0.0, 0.0]])
    print(sparse_entries(x))  # (tensor([[0, 1], [1, 0]]), tensor([-2., 3.]))
