import torch


def binarize(x: torch.Tensor) -> torch.Tensor:
    # gradient 1 where |x| <= 1, counting the boundary in
    inside = torch.where(x.abs() <= 1, x, x.detach())
    return inside + (torch.sign(x) - inside).detach()
