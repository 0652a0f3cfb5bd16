import torch


def tile_rows(v: torch.Tensor, n: int) -> torch.Tensor:
    return v.repeat(n, 1)
