import torch


def binarize(x: torch.Tensor) -> torch.Tensor:
    one = torch.ones_like(x)
    clipped = torch.minimum(torch.maximum(x, -one), one)
    return clipped + (torch.sign(x) - clipped).detach()
