from torch.utils.data import Dataset


class Transformed(Dataset):
    def __init__(self, base, transform=None):
        self.base, self.transform = base, transform

    def __len__(self):
        return len(self.base[0])

    def __getitem__(self, i):
        x, y = self.base[i]
        if self.transform is not None:
            x = self.transform(x)
        return x, y
