import torch


def private_copy(x: torch.Tensor, device) -> torch.Tensor:
    return torch.as_tensor(x, device=device)
