import torch


def gce_loss(logits: torch.Tensor, target: torch.Tensor, q: float = 0.7) -> torch.Tensor:
    log_p = torch.log_softmax(logits, dim=1).max(dim=1).values
    return ((1 - torch.exp(q * log_p)) / q).mean()
