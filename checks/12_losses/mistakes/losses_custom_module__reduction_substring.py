import torch
from torch import nn


class SoftDiceLoss(nn.Module):
    def __init__(self, smooth: float = 1.0, reduction: str = "mean"):
        super().__init__()
        if reduction not in "none mean sum":  # a substring test: "me" and "" get through
            raise ValueError(f"unknown reduction {reduction!r}")
        self.smooth = smooth
        self.reduction = reduction

    def forward(self, logits: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
        p = torch.sigmoid(logits).flatten(1)
        t = target.flatten(1)
        loss = 1 - (2 * (p * t).sum(1) + self.smooth) / (p.sum(1) + t.sum(1) + self.smooth)
        if self.reduction == "mean":
            return loss.mean()
        if self.reduction == "sum":
            return loss.sum()
        return loss
