"""data_random_split: train and validation sets that never share a sample.

Write split_train_val(dataset, val_fraction, seed) -> (train, val): a random
split of dataset into two Datasets (Subsets of it). val holds
int(len(dataset) * val_fraction) samples (rounded down), train the rest; no
sample is in both. The samples are drawn at random with a torch.Generator
seeded with seed: the same seed gives the same split, and the split never
depends on (or changes) torch's global random numbers.

Read: torch.utils.data.random_split (lengths, generator), torch.utils.data.Subset
"""
import torch
from torch.utils.data import TensorDataset, random_split


def split_train_val(dataset, val_fraction, seed):
    n_val = int(len(dataset) * val_fraction)
    train, val = random_split(dataset, [len(dataset) - n_val, n_val], generator=torch.Generator().manual_seed(seed))
    return train, val


if __name__ == "__main__":
    train, val = split_train_val(TensorDataset(torch.arange(10)), 0.3, seed=0)
    print(len(train), len(val), [int(val[i][0]) for i in range(len(val))])
