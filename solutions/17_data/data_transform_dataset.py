"""data_transform_dataset: a transform runs each time a sample is read.

Write Transformed(base, transform): a Dataset over base (a Dataset of
(x, y) pairs) whose item i is (transform(x_i), y_i). The transform is called
every time an item is read, never in advance: a random augmentation then
gives a new version of each image every epoch. transform=None means no
change. len is base's length; y is passed through untouched.

Read: torch.utils.data.Dataset; torchvision.transforms.v2 (a transform is a callable)
"""
import torch
from torch.utils.data import Dataset
from torchvision.transforms import v2

from dlings import data


class Transformed(Dataset):
    def __init__(self, base, transform=None):
        self.base, self.transform = base, transform

    def __len__(self):
        return len(self.base)

    def __getitem__(self, i):
        x, y = self.base[i]
        if self.transform is not None:
            x = self.transform(x)
        return x, y


if __name__ == "__main__":
    ds = Transformed(data.shapes(4), v2.RandomHorizontalFlip())
    print([torch.equal(ds[0][0], ds[0][0]) for _ in range(6)], "(False: flipped one time, not the other)")
