import torch


def flatten(x: torch.Tensor) -> torch.Tensor:
    return x.view(-1)
