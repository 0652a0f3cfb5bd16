from torch.utils.data import Dataset


class Transformed(Dataset):
    def __init__(self, base, transform=None):
        self.base, self.transform = base, transform

    def __len__(self):
        return len(self.base)

    def __getitem__(self, i):
        x, y = self.base[i]
        return self.transform(x), y
