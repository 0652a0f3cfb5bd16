import torch


def bce_with_logits(z: torch.Tensor, y: torch.Tensor, pos_weight: torch.Tensor | None = None) -> torch.Tensor:
    zero = torch.zeros_like(z)
    log_p = -torch.logaddexp(zero, -z)      # log(sigmoid(z))
    log_not_p = -torch.logaddexp(zero, z)   # log(1 - sigmoid(z))
    pw = 1.0 if pos_weight is None else pos_weight
    return -(pw * (y * log_p + (1 - y) * log_not_p)).mean()
