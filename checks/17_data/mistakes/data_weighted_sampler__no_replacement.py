import torch
from torch.utils.data import WeightedRandomSampler


def balanced_sampler(labels, seed):
    weights = 1.0 / torch.bincount(labels)[labels].double()
    return WeightedRandomSampler(weights, num_samples=len(labels), replacement=False,
                                 generator=torch.Generator().manual_seed(seed))
