import torch
from torch.utils.data import DataLoader, Dataset, random_split
from torchvision.transforms import v2


class WithTransform(Dataset):
    def __init__(self, dataset, transform):
        self.dataset, self.transform = dataset, transform

    def __len__(self):
        return len(self.dataset)

    def __getitem__(self, i):
        x, y = self.dataset[i]
        return self.transform(x), y



def make_loaders(dataset, val_fraction, batch_size, seed):
    augment = v2.Compose([v2.RandomCrop(16, padding=2), v2.RandomHorizontalFlip(p=0.5)])
    n_val = int(len(dataset) * val_fraction)
    train, val = random_split(WithTransform(dataset, augment), [len(dataset) - n_val, n_val],
                              generator=torch.Generator().manual_seed(seed))
    return DataLoader(train, batch_size=batch_size, shuffle=True), DataLoader(val, batch_size=batch_size)
