import torch


def normalize_rows(x: torch.Tensor, eps: float = 1e-12) -> torch.Tensor:
    flat = x.view(-1, x.shape[-1])
    norm = flat.norm(dim=1, keepdim=True).clamp(min=eps)
    return (flat / norm).view(x.shape)
