import torch


def group_norm(x: torch.Tensor, num_groups: int, weight: torch.Tensor, bias: torch.Tensor,
               eps: float = 1e-5) -> torch.Tensor:
    n, c = x.shape[0], x.shape[1]
    groups = x.reshape(n, num_groups, -1)
    std = groups.var(-1, correction=0, keepdim=True).sqrt()
    y = ((groups - groups.mean(-1, keepdim=True)) / (std + eps)).reshape(x.shape)
    per_channel = (1, c) + (1,) * (x.dim() - 2)
    return y * weight.reshape(per_channel) + bias.reshape(per_channel)
