import torch


def topk_accuracy(logits: torch.Tensor, labels: torch.Tensor, k: int) -> float:
    top = logits.topk(k, dim=1).indices
    return (top == labels).any(dim=1).float().mean().item()
