import torch


def smoothed_cross_entropy(logits: torch.Tensor, target: torch.Tensor, eps: float) -> torch.Tensor:
    probs = torch.softmax(logits, dim=1)
    smoothed = (1 - eps) * probs + eps / logits.shape[1]
    return -torch.log(smoothed.gather(1, target.unsqueeze(1))).mean()
