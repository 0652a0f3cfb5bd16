from torch.utils.data import Dataset


class Transformed(Dataset):
    def __init__(self, base, transform=None):
        self.items = []
        for i in range(len(base)):
            x, y = base[i]
            self.items.append((transform(x) if transform else x, y))

    def __len__(self):
        return len(self.items)

    def __getitem__(self, i):
        return self.items[i]
