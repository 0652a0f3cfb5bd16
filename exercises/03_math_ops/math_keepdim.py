"""math_keepdim: keep a reduced dimension so the result broadcasts back.

`center_rows(x)` gets a float tensor of shape (rows, cols) and returns x with
each row's mean subtracted from that row (every row of the result has mean 0).

`x.mean(dim=1)` has shape (rows,). Subtracting it from x lines it up with the
LAST dimension: for a square x that silently subtracts the wrong numbers,
with no error. `keepdim=True` keeps shape (rows, 1), which broadcasts along
each row as intended.

Read: torch.mean (keepdim), https://pytorch.org/docs/stable/notes/broadcasting.html
"""
import torch


def center_rows(x: torch.Tensor) -> torch.Tensor:
    # TODO: subtract each row's mean from that row
    ...


if __name__ == "__main__":
    x = torch.tensor([[1.0, 2.0, 3.0], [10.0, 20.0, 30.0], [0.0, 0.0, 3.0]])
    print(center_rows(x))  # rows: [-1, 0, 1], [-10, 0, 10], [-1, -1, 2]
