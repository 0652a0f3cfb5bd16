import torch


def pairwise_dist(x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    # ||x - y||^2 = ||x||^2 - 2 x.y + ||y||^2, with the sum of squares broadcast into a table
    sq = (x ** 2).sum(dim=-1)[:, None] - 2 * x @ y.T + (y ** 2).sum(dim=-1)[None, :]
    return sq.sqrt()
