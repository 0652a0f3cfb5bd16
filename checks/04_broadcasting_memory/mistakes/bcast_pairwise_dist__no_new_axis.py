import torch


def pairwise_dist(x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    return ((x - y) ** 2).sum(dim=-1).sqrt()
