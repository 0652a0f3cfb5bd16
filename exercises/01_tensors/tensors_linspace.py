"""tensors_linspace: n points, both ends included.

torch.linspace(start, end, steps) gives `steps` evenly spaced float32 values
from start to end, BOTH included. You say how many points, not how far apart:
arange with a float step gets the count wrong now and then, because of
rounding (try len(torch.arange(0, 1 + 1/6, 1/6)): you get 8, not 7).

- `sample_points(a, b, n)`: n evenly spaced points from a to b, both included.
- `bin_edges(lo, hi, bins)`: the edges of `bins` equal-width bins covering
  [lo, hi] (mind the count: 1 bin has 2 edges).
Both return float32. The values need not be bit-for-bit torch.linspace's:
points you compute yourself count if they agree within 1e-5.

Read: torch.linspace
"""
import torch


def sample_points(a, b, n):
    # TODO
    ...


def bin_edges(lo, hi, bins):
    # TODO
    ...


if __name__ == "__main__":
    print(sample_points(0, 1, 5))
    print(bin_edges(0, 10, 4))
