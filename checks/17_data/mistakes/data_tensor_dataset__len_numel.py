from torch.utils.data import Dataset


class PairDataset(Dataset):
    def __init__(self, x, y):
        if x.shape[0] != y.shape[0]:
            raise ValueError("sizes differ")
        self.x, self.y = x, y

    def __len__(self):
        return self.x.numel()

    def __getitem__(self, i):
        return self.x[i], self.y[i]
