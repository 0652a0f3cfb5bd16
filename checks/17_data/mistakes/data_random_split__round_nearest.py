import torch
from torch.utils.data import random_split


def split_train_val(dataset, val_fraction, seed):
    n_val = round(len(dataset) * val_fraction)
    train, val = random_split(dataset, [len(dataset) - n_val, n_val], generator=torch.Generator().manual_seed(seed))
    return train, val
