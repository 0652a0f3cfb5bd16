import torch
import torch.nn.functional as F
from torch import nn


def hardest(logits: torch.Tensor, target: torch.Tensor, k: int) -> torch.Tensor:
    losses = F.cross_entropy(logits, target, reduction="none")
    return torch.argsort(losses)[-k:]


def dataset_loss(model: nn.Module, batches: list[tuple[torch.Tensor, torch.Tensor]]) -> float:
    total, count = 0.0, 0
    with torch.no_grad():
        for x, y in batches:
            total += F.cross_entropy(model(x), y, reduction="sum").item()
            count += y.shape[0]
    return total / count
