import torch


def softplus(x: torch.Tensor) -> torch.Tensor:
    h = torch.exp(x)
    h += 1
    return torch.log(h)
