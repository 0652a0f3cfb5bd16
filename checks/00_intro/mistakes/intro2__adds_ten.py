import torch


def scale(x: torch.Tensor) -> torch.Tensor:
    return x + 10
