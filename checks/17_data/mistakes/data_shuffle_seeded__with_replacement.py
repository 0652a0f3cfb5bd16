import torch
from torch.utils.data import DataLoader, RandomSampler


def make_loader(dataset, batch_size, seed):
    sampler = RandomSampler(dataset, replacement=True, generator=torch.Generator().manual_seed(seed))
    return DataLoader(dataset, batch_size=batch_size, sampler=sampler)
