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
        # TODO: set up the module, check reduction, keep the settings
        ...

    def forward(self, logits: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
        # TODO: per-sample soft Dice loss, then the reduction
        ...

if __name__ == "__main__":
    criterion = SoftDiceLoss()
    target = torch.zeros(2, 1, 4, 4)
    target[:, :, 1:3, 1:3] = 1.0
    print(criterion(torch.randn(2, 1, 4, 4), target))
    print(SoftDiceLoss(reduction="none")(target * 20 - 10, target))  # nearly 0 for a near-perfect mask
