import torch


def auc(scores: torch.Tensor, labels: torch.Tensor) -> float:
    pos = scores[labels == 1]
    neg = scores[labels == 0]
    total = 0.0
    for p in pos:
        total += ((p > neg).float() + 0.5 * (p == neg).float()).sum().item()
    return total / (len(pos) * len(neg))
