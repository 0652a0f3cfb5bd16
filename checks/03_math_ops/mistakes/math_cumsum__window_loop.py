import torch


def moving_average(x: torch.Tensor, k: int) -> torch.Tensor:
    n = x.shape[-1]
    return torch.stack([x[..., t:t + k].mean(dim=-1) for t in range(n - k + 1)], dim=-1)
