import torch


def channel_stats(loader):
    means, stds = [], []
    for x, _ in loader:
        means.append(x.mean(dim=(0, 2, 3)))
        stds.append(x.std(dim=(0, 2, 3), correction=0))
    return torch.stack(means).mean(0), torch.stack(stds).mean(0)
