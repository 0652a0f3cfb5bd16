import torch


def moving_average(x: torch.Tensor, k: int) -> torch.Tensor:
    c = torch.cat([torch.zeros_like(x[:1]), x.cumsum(dim=0)], dim=0)
    return (c[k:] - c[:-k]) / k
