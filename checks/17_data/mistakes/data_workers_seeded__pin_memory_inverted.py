import torch
from torch.utils.data import DataLoader


def make_loader(dataset, batch_size, workers, seed):
    return DataLoader(dataset, batch_size=batch_size, shuffle=True, num_workers=workers,
                      generator=torch.Generator().manual_seed(seed), pin_memory=not torch.cuda.is_available())
