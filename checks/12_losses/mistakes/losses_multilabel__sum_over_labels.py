import torch
import torch.nn.functional as F


def multilabel_loss(logits: torch.Tensor, targets: torch.Tensor) -> torch.Tensor:
    return F.binary_cross_entropy_with_logits(logits, targets, reduction="none").sum(dim=1).mean()


def predict(logits: torch.Tensor, thresholds: float | torch.Tensor = 0.5) -> torch.Tensor:
    return torch.sigmoid(logits) > thresholds
