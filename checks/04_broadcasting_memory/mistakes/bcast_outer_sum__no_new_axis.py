import torch


def outer_sum(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    return a + b
