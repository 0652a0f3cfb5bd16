import torch


def binarize(x: torch.Tensor) -> torch.Tensor:
    return x + (torch.sign(x) - x).detach()
