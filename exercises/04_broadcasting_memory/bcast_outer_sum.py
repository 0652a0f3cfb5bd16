"""bcast_outer_sum: new axes turn two vectors into a table.

Make `outer_sum(a, b)` return the table `out[i, j] = a[i] + b[j]` for a of
shape (n,) and b of shape (m,): the result has shape (n, m).

Give `a` a new axis of size 1 (`a[:, None]` or `a.unsqueeze(1)`) so the two
shapes broadcast to (n, m). No Python loops or comprehensions (the check
reads your code).

Read: torch.unsqueeze, and "Broadcasting semantics" in the PyTorch notes.
"""
import torch


def outer_sum(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    # TODO: one expression: shape (n, 1) + shape (m,) -> shape (n, m)
    ...


if __name__ == "__main__":
    print(outer_sum(torch.tensor([0.0, 10.0, 20.0]), torch.tensor([1.0, 2.0])))
