import torch
from torch.utils.data import DataLoader, WeightedRandomSampler


def make_balanced_loader(dataset, labels, batch_size, seed):
    weights = 1.0 / torch.bincount(labels)[labels].double()
    sampler = WeightedRandomSampler(weights, len(dataset), replacement=False,
                                    generator=torch.Generator().manual_seed(seed))
    return DataLoader(dataset, batch_size=batch_size, sampler=sampler)
