import torch
from torch.utils.data import DataLoader


def make_loader(dataset, batch_size, seed):
    return DataLoader(dataset, batch_size=batch_size, generator=torch.Generator().manual_seed(seed))
