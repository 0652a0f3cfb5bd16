import torch


def channel_stats(loader):
    total = total_sq = 0.0
    count = 0
    for x, _ in loader:
        total += x.double().sum()
        total_sq += (x.double() ** 2).sum()
        count += x.numel()
    mean = total / count
    std = torch.sqrt(total_sq / count - mean * mean)
    channels = x.shape[1]
    return mean.expand(channels).float(), std.expand(channels).float()
