import torch


def sevens_like(x: torch.Tensor) -> torch.Tensor:
    return x * 0 + 7
