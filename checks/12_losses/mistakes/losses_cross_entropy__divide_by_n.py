import torch


def cross_entropy(logits: torch.Tensor, target: torch.Tensor, ignore_index: int = -100) -> torch.Tensor:
    keep = target != ignore_index
    safe = torch.where(keep, target, 0)  # any valid class; these rows are masked out below
    picked = logits.gather(1, safe.unsqueeze(1)).squeeze(1)
    losses = torch.logsumexp(logits, dim=1) - picked
    return (losses * keep).sum() / target.shape[0]
