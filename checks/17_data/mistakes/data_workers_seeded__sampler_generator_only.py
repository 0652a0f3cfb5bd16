import torch
from torch.utils.data import DataLoader, RandomSampler


def make_loader(dataset, batch_size, workers, seed):
    sampler = RandomSampler(dataset, generator=torch.Generator().manual_seed(seed))
    return DataLoader(dataset, batch_size=batch_size, sampler=sampler, num_workers=workers,
                      pin_memory=torch.cuda.is_available())
