import torch


def nll_loss(log_probs: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
    picked = log_probs.gather(1, target.unsqueeze(1)).squeeze(1)
    return -picked.mean()


def cross_entropy_via_nll(logits: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
    return nll_loss(torch.log(torch.softmax(logits, dim=1)), target)
