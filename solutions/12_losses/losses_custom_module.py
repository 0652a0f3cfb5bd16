"""losses_custom_module: your own loss, shaped like torch's.

torch's losses are nn.Modules: settings go to __init__, the maths to forward,
and you call criterion(logits, target). Write SoftDiceLoss(smooth=1.0,
reduction="mean") that way, for binary segmentation: logits and a 0/1 float
target of the same shape (N, ...), at least 2-D. With p = sigmoid(logits) and
sums over every element of sample i except the batch dim:
    loss_i = 1 - (2 * sum(p * t) + smooth) / (sum(p) + sum(t) + smooth)
reduction "none" returns the N losses, "mean" their mean, "sum" their sum;
any other value makes the constructor raise ValueError right away. Stay
differentiable: soft p, never a threshold.

Read: torch.nn.Module, torch.Tensor.flatten (start_dim), torch.nn.BCEWithLogitsLoss (reduction)
"""
import torch
from torch import nn


class SoftDiceLoss(nn.Module):
    def __init__(self, smooth: float = 1.0, reduction: str = "mean"):
        super().__init__()
        if reduction not in ("none", "mean", "sum"):
            raise ValueError(f"reduction must be 'none', 'mean' or 'sum', not {reduction!r}")
        self.smooth = smooth
        self.reduction = reduction

    def forward(self, logits: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
        p = torch.sigmoid(logits).flatten(1)
        t = target.flatten(1)
        loss = 1 - (2 * (p * t).sum(dim=1) + self.smooth) / (p.sum(dim=1) + t.sum(dim=1) + self.smooth)
        if self.reduction == "mean":
            return loss.mean()
        if self.reduction == "sum":
            return loss.sum()
        return loss


if __name__ == "__main__":
    criterion = SoftDiceLoss()
    target = torch.zeros(2, 1, 4, 4)
    target[:, :, 1:3, 1:3] = 1.0
    print(criterion(torch.randn(2, 1, 4, 4), target))
    print(SoftDiceLoss(reduction="none")(target * 20 - 10, target))  # nearly 0 for a near-perfect mask
