import torch


def gelu_tanh(x: torch.Tensor) -> torch.Tensor:
    return x * torch.sigmoid(1.702 * x)
