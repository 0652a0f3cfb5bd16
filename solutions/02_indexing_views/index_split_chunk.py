"""index_split_chunk: cut a tensor into pieces (split takes sizes, chunk a count).

  split_qkv(x)      -> x has shape (..., 3 * D), the query, key and value
                       projections side by side; return (q, k, v), each (..., D)
  train_val(x, n_val) -> split the rows of x (dim 0) into (train, val): val is
                       the LAST n_val rows, train all the rows before them;
                       n_val may be 0 (then val is empty and train is all of x)

Concept: torch.chunk(x, n, dim) makes n pieces; torch.split(x, s, dim) makes
pieces of SIZE s, or of the sizes in a list. So x.split(3, dim=-1) is not
"three pieces". Both return views (tuples of them).
Read: torch.split, torch.chunk
"""
import torch


def split_qkv(x):
    return x.chunk(3, dim=-1)


def train_val(x, n_val):
    return torch.split(x, [x.shape[0] - n_val, n_val])


if __name__ == "__main__":
    q, k, v = split_qkv(torch.arange(12.0).reshape(2, 6))
    print(q, k, v, sep="\n")
    tr, va = train_val(torch.arange(10), 3)
    print(tr, va)  # tensor([0, 1, 2, 3, 4, 5, 6]) tensor([7, 8, 9])
