"""loop_split: hold some data back to see how the model does on unseen samples.

Write train_val_split(x, y, val_fraction, seed) -> (x_train, y_train, x_val, y_val):
  - n_val = int(n * val_fraction) samples (rounded down) go to validation,
    the other n - n_val to training; 0 <= val_fraction < 1 (0: an empty
    validation part);
  - which samples go where is random but reproducible: draw it from
    torch.Generator().manual_seed(seed), so the same seed gives the same split.
    Leave the global random state alone (no torch.manual_seed here): the
    training that follows depends on it;
  - every sample lands in exactly one part, and rows of x and y stay paired.
Data sets are often stored sorted by class: splitting without shuffling would
validate on classes the model never saw.

Read: torch.randperm (generator=), torch.Generator, torch.utils.data.random_split
"""
import torch


def train_val_split(x, y, val_fraction, seed):
    # TODO: a seeded random order of the n samples; the first n_val of it for
    # validation, the rest for training
    ...


if __name__ == "__main__":
    x = torch.arange(10.0).unsqueeze(1)
    y = torch.tensor([0] * 5 + [1] * 5)
    x_train, y_train, x_val, y_val = train_val_split(x, y, 0.3, seed=0)
    print("train", x_train.flatten().tolist(), y_train.tolist())
    print("val  ", x_val.flatten().tolist(), y_val.tolist())
