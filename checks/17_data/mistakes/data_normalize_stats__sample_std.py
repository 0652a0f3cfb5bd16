import torch


def channel_stats(loader):
    total = total_sq = 0
    count = 0
    for x, _ in loader:
        x = x.double()
        total = total + x.sum(dim=(0, 2, 3))
        total_sq = total_sq + (x * x).sum(dim=(0, 2, 3))
        count += x.numel() // x.shape[1]
    mean = total / count
    var = (total_sq - count * mean * mean) / (count - 1)
    return mean.float(), var.sqrt().float()
