import torch
import torch.nn.functional as F


def focal_loss(z: torch.Tensor, y: torch.Tensor, alpha: float | None = 0.25, gamma: float = 2.0) -> torch.Tensor:
    p = torch.sigmoid(z)
    ce = F.binary_cross_entropy_with_logits(z, y, reduction="none")
    p_t = p * y + (1 - p) * (1 - y)
    loss = ce * p_t ** gamma
    if alpha is not None:
        loss = (alpha * y + (1 - alpha) * (1 - y)) * loss
    return loss.mean()
