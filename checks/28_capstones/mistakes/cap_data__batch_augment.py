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
    n_val = int(len(dataset) * val_fraction)
    train, val = random_split(dataset, [len(dataset) - n_val, n_val], generator=torch.Generator().manual_seed(seed))
    augment = v2.Compose([v2.RandomCrop(16, padding=2), v2.RandomHorizontalFlip(p=0.5)])

    def collate(items):
        xs = torch.stack([x for x, _ in items])
        ys = torch.tensor([int(y) for _, y in items])
        return augment(xs), ys

    return (DataLoader(train, batch_size=batch_size, shuffle=True, collate_fn=collate),
            DataLoader(val, batch_size=batch_size))
