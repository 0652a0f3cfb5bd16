"""bcast_pairwise_dist: a distance matrix without a loop.

Make `pairwise_dist(x, y)` return D of shape (n, m) with D[i, j] the
Euclidean distance between row x[i] and row y[j]; x is (n, d), y is (m, d).

Broadcast (n, 1, d) against (1, m, d) to get every difference x[i] - y[j]
at once, shape (n, m, d), then reduce the last axis.
Not allowed (the check reads your code): Python loops or comprehensions,
torch.cdist, torch.pdist, F.pairwise_distance.

Read: torch.unsqueeze, torch.sum, torch.sqrt (or torch.linalg.vector_norm).
"""
import torch


def pairwise_dist(x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    return ((x[:, None, :] - y[None, :, :]) ** 2).sum(dim=-1).sqrt()


if __name__ == "__main__":
    x = torch.tensor([[0.0, 0.0], [3.0, 4.0]])
    print(pairwise_dist(x, x))  # [[0, 5], [5, 0]]
