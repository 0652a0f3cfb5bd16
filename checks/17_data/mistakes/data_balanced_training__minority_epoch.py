import torch
from torch.utils.data import DataLoader, WeightedRandomSampler


def make_balanced_loader(dataset, labels, batch_size, seed):
    counts = torch.bincount(labels)
    weights = 1.0 / counts[labels].double()
    sampler = WeightedRandomSampler(weights, int(counts.min()) * len(counts),
                                    generator=torch.Generator().manual_seed(seed))
    return DataLoader(dataset, batch_size=batch_size, sampler=sampler)
