import torch


def center_rows(x: torch.Tensor) -> torch.Tensor:
    x -= x.mean(dim=1, keepdim=True)
    return x
