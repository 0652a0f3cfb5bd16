import torch
from torch.utils.data import WeightedRandomSampler


def balanced_sampler(labels, seed):
    torch.manual_seed(seed)
    weights = 1.0 / torch.bincount(labels)[labels].double()
    return WeightedRandomSampler(weights, num_samples=len(labels))
