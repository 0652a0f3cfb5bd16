"""index_unsqueeze: add a size-1 dimension so broadcasting lines up.

Write two functions, each one line:
  scale_rows(x, w) -> x of shape (N, M) with row i multiplied by w[i]; w has shape (N,)
  outer(a, b)      -> the (len(a), len(b)) table of a[i] * b[j]

Concept: broadcasting matches shapes from the RIGHT, so x * w lines w up with
x's columns, not its rows (and silently "works" when N == M). Give w a
column shape (N, 1) with w.unsqueeze(1) or w[:, None].
Not allowed: torch.outer / ger / einsum (build outer from unsqueeze and *).
Read: torch.unsqueeze, https://pytorch.org/docs/stable/notes/broadcasting.html
"""
import torch


def scale_rows(x, w):
    # TODO
    ...


def outer(a, b):
    # TODO
    ...


if __name__ == "__main__":
    x = torch.ones(3, 3)
    w = torch.tensor([1.0, 2.0, 3.0])
    print(x * w)             # columns scaled: not what we want
    print(scale_rows(x, w))  # rows scaled
    print(outer(torch.tensor([1.0, 2.0]), torch.tensor([1.0, 10.0, 100.0])))
