import torch


def scale(x: torch.Tensor) -> torch.Tensor:
    return x.mul_(10)
