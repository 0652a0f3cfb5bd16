import torch


def smoothed_cross_entropy(logits: torch.Tensor, target: torch.Tensor, eps: float) -> torch.Tensor:
    log_probs = torch.log_softmax(logits, dim=1)
    c = logits.shape[1]
    q = torch.full_like(log_probs, eps / (c - 1))
    q.scatter_(1, target.unsqueeze(1), 1 - eps)
    return -(q * log_probs).sum(dim=1).mean()
