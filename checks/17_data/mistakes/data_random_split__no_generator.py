from torch.utils.data import random_split


def split_train_val(dataset, val_fraction, seed):
    n_val = int(len(dataset) * val_fraction)
    return tuple(random_split(dataset, [len(dataset) - n_val, n_val]))
