import torch


def center_rows(x: torch.Tensor) -> torch.Tensor:
    return x - x.mean(dim=0)
