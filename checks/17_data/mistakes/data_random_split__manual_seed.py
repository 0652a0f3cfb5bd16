import torch
from torch.utils.data import Subset


def split_train_val(dataset, val_fraction, seed):
    torch.manual_seed(seed)
    order = torch.randperm(len(dataset)).tolist()
    n_val = int(len(dataset) * val_fraction)
    return Subset(dataset, order[n_val:]), Subset(dataset, order[:n_val])
