import torch
from torch.utils.data import DataLoader


def make_loader(dataset, batch_size, workers, seed):
    torch.manual_seed(seed)
    return DataLoader(dataset, batch_size=batch_size, shuffle=True, num_workers=workers,
                      pin_memory=torch.cuda.is_available())
