"""data_tensor_dataset: your first Dataset.

A map-style Dataset is any object with __len__ (how many samples) and
__getitem__(i) (sample i); a DataLoader needs nothing more. Write
PairDataset(x, y): it keeps two tensors whose first dimension counts the
samples. len(ds) is that number, ds[i] is the tuple (x[i], y[i]), and a
negative i counts from the end as for a list. If x and y hold different
numbers of samples, raise ValueError in __init__.

Read: torch.utils.data.Dataset, torch.utils.data.TensorDataset (the same idea, built in)
"""
import torch
from torch.utils.data import Dataset


class PairDataset(Dataset):
    def __init__(self, x, y):
        if x.shape[0] != y.shape[0]:
            raise ValueError(f"x has {x.shape[0]} samples but y has {y.shape[0]}")
        self.x, self.y = x, y

    def __len__(self):
        return self.x.shape[0]

    def __getitem__(self, i):
        return self.x[i], self.y[i]


if __name__ == "__main__":
    ds = PairDataset(torch.randn(5, 3), torch.arange(5))
    print(len(ds), ds[2], ds[-1])
