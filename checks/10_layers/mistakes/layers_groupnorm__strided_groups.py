import torch


def group_norm(x: torch.Tensor, num_groups: int, weight: torch.Tensor, bias: torch.Tensor,
               eps: float = 1e-5) -> torch.Tensor:
    n, c = x.shape[0], x.shape[1]
    groups = x.reshape(n, -1, num_groups, *x.shape[2:])
    dims = [1] + list(range(3, groups.dim()))
    mean = groups.mean(dim=dims, keepdim=True)
    var = groups.var(dim=dims, correction=0, keepdim=True)
    y = ((groups - mean) / torch.sqrt(var + eps)).reshape(x.shape)
    per_channel = (1, c) + (1,) * (x.dim() - 2)
    return y * weight.reshape(per_channel) + bias.reshape(per_channel)
