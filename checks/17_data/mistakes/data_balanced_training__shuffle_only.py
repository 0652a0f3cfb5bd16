import torch
from torch.utils.data import DataLoader


def make_balanced_loader(dataset, labels, batch_size, seed):
    return DataLoader(dataset, batch_size=batch_size, shuffle=True, generator=torch.Generator().manual_seed(seed))
