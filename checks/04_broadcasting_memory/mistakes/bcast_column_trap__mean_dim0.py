import torch


def mse(pred: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
    return ((pred - target.unsqueeze(1)) ** 2).mean(dim=0)
