import torch


def group_norm(x: torch.Tensor, num_groups: int, weight: torch.Tensor, bias: torch.Tensor,
               eps: float = 1e-5) -> torch.Tensor:
    import torch.nn.functional as F

    return F.group_norm(x, num_groups, weight, bias, eps)
