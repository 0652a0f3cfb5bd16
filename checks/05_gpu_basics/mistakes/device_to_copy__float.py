import torch


def private_copy(x: torch.Tensor, device) -> torch.Tensor:
    return x.to(device, torch.float32, copy=True)
