import torch


def normalize_rows(x: torch.Tensor, eps: float = 1e-12) -> torch.Tensor:
    norm = x.norm(dim=-1, keepdim=True)
    return x / norm.clamp(min=1e-12)
