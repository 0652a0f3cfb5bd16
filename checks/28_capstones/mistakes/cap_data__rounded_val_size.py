"""cap_data: the project, step 2 of 5: a validation split and augmentation.

Write make_loaders(dataset, val_fraction, batch_size, seed) -> (train_loader, val_loader)
for a Dataset of (image (3, 16, 16), label) pairs:
- split it at random, with a torch.Generator seeded with `seed` (same seed,
  same split; torch's global random numbers play no part): val gets
  int(len(dataset) * val_fraction) samples, train the rest, none in both;
- train_loader: shuffled, and every training image is augmented on the fly,
  with a draw of its own each time it is loaded: RandomCrop(16, padding=2)
  (a shift of up to 2 pixels, zero-padded) and RandomHorizontalFlip(p=0.5);
- val_loader: the validation images exactly as they are, in a fixed order.
Both use batch_size. The trap: augment the training part only.

Read: torch.utils.data.random_split, torchvision.transforms.v2 (RandomCrop, RandomHorizontalFlip, Compose)
"""
import torch
from torch.utils.data import DataLoader, Dataset, random_split
from torchvision.transforms import v2


class WithTransform(Dataset):
    """dataset[i] = (x, y) -> (transform(x), y), drawn anew on every access."""

    def __init__(self, dataset, transform):
        self.dataset, self.transform = dataset, transform

    def __len__(self):
        return len(self.dataset)

    def __getitem__(self, i):
        x, y = self.dataset[i]
        return self.transform(x), y


def make_loaders(dataset, val_fraction: float, batch_size: int, seed: int):
    n_val = round(len(dataset) * val_fraction)
    train, val = random_split(dataset, [len(dataset) - n_val, n_val], generator=torch.Generator().manual_seed(seed))
    aug = v2.Compose([v2.RandomCrop(16, padding=2), v2.RandomHorizontalFlip(p=0.5)])
    return DataLoader(WithTransform(train, aug), batch_size=batch_size, shuffle=True), DataLoader(val, batch_size=batch_size)


if __name__ == "__main__":
    from dlings import data
    train_loader, val_loader = make_loaders(data.shapes(100, classes=6), 0.2, 16, seed=0)
    print(len(train_loader.dataset), len(val_loader.dataset), next(iter(train_loader))[0].shape)
