import torch


def tile_rows(v: torch.Tensor, n: int) -> torch.Tensor:
    return v.expand(n, -1).contiguous()
