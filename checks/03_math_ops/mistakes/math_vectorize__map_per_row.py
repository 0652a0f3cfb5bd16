import torch


def auc(scores: torch.Tensor, labels: torch.Tensor) -> float:
    pos = scores[labels == 1]
    neg = scores[labels == 0]
    wins = sum(map(lambda p: ((p > neg).float() + 0.5 * (p == neg).float()).sum(), pos))
    return (wins / (len(pos) * len(neg))).item()
