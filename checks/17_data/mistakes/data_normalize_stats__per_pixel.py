import torch


def channel_stats(loader):
    total = total_sq = 0
    count = 0
    for x, _ in loader:
        x = x.double()
        total = total + x.sum(dim=0)
        total_sq = total_sq + (x * x).sum(dim=0)
        count += x.shape[0]
    mean = total / count
    return mean.float(), torch.sqrt(total_sq / count - mean * mean).float()
