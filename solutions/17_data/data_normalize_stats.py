"""data_normalize_stats: the numbers behind transforms.Normalize.

Normalize(mean, std) needs each channel's mean and standard deviation over
the training images. Write channel_stats(loader) -> (mean, std): over every
image the loader yields in one epoch (batches (x, y), x of shape
(B, C, H, W)), the per-channel mean and the per-channel population standard
deviation (divide by the count, not count - 1), each a float tensor of shape
(C,). Work batch by batch with running sums of x and of x ** 2 per channel,
in float64 for accuracy: a real data set does not fit in memory at once.
std = sqrt(E[x^2] - E[x]^2).

Read: Tensor.sum (dim=...), Tensor.double, torch.sqrt, torchvision.transforms.v2.Normalize
"""
import torch
from torch.utils.data import DataLoader

from dlings import data


def channel_stats(loader):
    total = total_sq = None
    count = 0
    for x, _ in loader:
        x = x.double()
        s, sq = x.sum(dim=(0, 2, 3)), (x * x).sum(dim=(0, 2, 3))
        total = s if total is None else total + s
        total_sq = sq if total_sq is None else total_sq + sq
        count += x.shape[0] * x.shape[2] * x.shape[3]
    mean = total / count
    std = torch.sqrt(total_sq / count - mean * mean)
    return mean.float(), std.float()


if __name__ == "__main__":
    train = data.shapes(1000)
    print(channel_stats(DataLoader(train, batch_size=64)))
    print(train.x.mean(dim=(0, 2, 3)), train.x.std(dim=(0, 2, 3), correction=0))
