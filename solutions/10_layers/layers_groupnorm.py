"""layers_groupnorm: GroupNorm, statistics per sample and per group of channels.

BatchNorm averages over the batch (so it needs running statistics and
behaves differently with a batch of one); LayerNorm averages over all of a
sample's features. GroupNorm sits between: for x of shape (N, C, *) (any
number of spatial dims, possibly none) it splits the C channels into G
groups of C/G CONSECUTIVE channels, and normalises each (sample, group) over
its channels and positions with the biased variance (divide by n):
    y = (x - mean) / sqrt(var + eps) * weight[c] + bias[c]
weight and bias have shape (C,): one per channel, not per group.

Write group_norm(x, num_groups, weight, bias, eps=1e-5) matching
F.group_norm. Not allowed: F.group_norm, nn.GroupNorm, torch.group_norm.

Read: torch.nn.GroupNorm, torch.Tensor.reshape, torch.Tensor.var (correction)
"""
import torch


def group_norm(x: torch.Tensor, num_groups: int, weight: torch.Tensor, bias: torch.Tensor,
               eps: float = 1e-5) -> torch.Tensor:
    n, c = x.shape[0], x.shape[1]
    groups = x.reshape(n, num_groups, -1)            # each row: one group's channels and positions
    mean = groups.mean(dim=-1, keepdim=True)
    var = groups.var(dim=-1, correction=0, keepdim=True)
    y = ((groups - mean) / torch.sqrt(var + eps)).reshape(x.shape)
    per_channel = (1, c) + (1,) * (x.dim() - 2)
    return y * weight.reshape(per_channel) + bias.reshape(per_channel)


if __name__ == "__main__":
    x = torch.randn(2, 4, 3, 3) * 5 + 2
    y = group_norm(x, 2, torch.ones(4), torch.zeros(4))
    print(y[0, :2].mean(), y[0, :2].std(correction=0))  # about 0 and 1: channels 0-1 of sample 0 are one group
