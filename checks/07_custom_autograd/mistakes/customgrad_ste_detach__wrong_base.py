import torch


def binarize(x: torch.Tensor) -> torch.Tensor:
    return x.clamp(-1, 1) + (torch.sign(x) - x).detach()
