import torch


def outer_sum(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    return torch.stack([a_i + b for a_i in a])
