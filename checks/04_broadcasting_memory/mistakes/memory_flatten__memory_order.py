import torch


def flatten(x: torch.Tensor) -> torch.Tensor:
    if x.is_contiguous():
        return x.view(-1)
    return x.t().reshape(-1)
