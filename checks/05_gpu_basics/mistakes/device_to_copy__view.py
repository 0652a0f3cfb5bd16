import torch


def private_copy(x: torch.Tensor, device) -> torch.Tensor:
    y = x.to(device)
    return y.view(y.shape)
