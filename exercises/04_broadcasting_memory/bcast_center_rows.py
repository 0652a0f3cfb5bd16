"""bcast_center_rows: keepdim, or the square-matrix trap.

Make `center_rows(x)` subtract from each row of x (shape (n, d)) that row's
mean, so every row of the result has mean 0. Do not change x itself.

`x.mean(dim=1)` has shape (n,). Broadcasting lines shapes up from the right,
so (n, d) - (n,) pairs that vector with the COLUMNS: an error when n != d,
and silently wrong numbers when n == d. `keepdim=True` keeps shape (n, 1).

Read: torch.mean (the keepdim argument).
"""
import torch


def center_rows(x: torch.Tensor) -> torch.Tensor:
    # TODO: subtract each row's mean, keeping a shape that broadcasts over columns
    ...


if __name__ == "__main__":
    x = torch.tensor([[1.0, 2.0, 3.0], [10.0, 20.0, 30.0], [0.0, 0.0, 3.0]])
    print(center_rows(x))
