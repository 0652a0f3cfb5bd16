import torch


def topk_accuracy(logits, labels, k):
    idx = logits.topk(k, dim=1).indices
    return (idx == labels.unsqueeze(1)).any(dim=1).float().mean()
