import torch


def auc(scores: torch.Tensor, labels: torch.Tensor) -> float:
    pos = scores[labels == 1]
    neg = scores[labels == 0]
    return (pos[:, None] > neg[None, :]).float().mean().item()
