import torch


def scale(x: torch.Tensor) -> torch.Tensor:
    return torch.tensor(x.tolist()) * 10
