import torch


def bce_with_logits(z: torch.Tensor, y: torch.Tensor, pos_weight: torch.Tensor | None = None) -> torch.Tensor:
    weight = None if pos_weight is None else torch.where(y > 0.5, pos_weight, torch.ones_like(y))
    return torch.nn.functional.binary_cross_entropy(torch.sigmoid(z), y, weight=weight)
