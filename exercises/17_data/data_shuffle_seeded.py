"""data_shuffle_seeded: shuffling you can reproduce.

Write make_loader(dataset, batch_size, seed): a DataLoader over dataset
with that batch_size that shuffles with its own torch.Generator seeded with
seed. Then:
  - two loaders made with the same seed give the same batches, epoch after
    epoch, whatever else uses torch's global random numbers meanwhile;
  - each epoch (each new `for` over the loader) has a new order;
  - every sample appears exactly once per epoch.

Read: torch.utils.data.DataLoader (shuffle, generator), torch.Generator.manual_seed
"""
import torch
from torch.utils.data import DataLoader, TensorDataset


def make_loader(dataset, batch_size, seed):
    # TODO
    ...


if __name__ == "__main__":
    loader = make_loader(TensorDataset(torch.arange(10)), batch_size=4, seed=0)
    for epoch in range(2):
        print(f"epoch {epoch}:", [b[0].tolist() for b in loader])
