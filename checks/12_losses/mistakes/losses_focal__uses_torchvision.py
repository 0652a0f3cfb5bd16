import torch
import torch.nn.functional as F
from torchvision.ops import sigmoid_focal_loss


def focal_loss(z: torch.Tensor, y: torch.Tensor, alpha: float | None = 0.25, gamma: float = 2.0) -> torch.Tensor:
    return sigmoid_focal_loss(z, y, alpha=-1 if alpha is None else alpha, gamma=gamma, reduction="mean")
