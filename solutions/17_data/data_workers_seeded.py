"""data_workers_seeded: loading in parallel, reproducibly.

Write make_loader(dataset, batch_size, workers, seed): a shuffling DataLoader
with that batch_size and num_workers=workers (0: load in the main process,
k > 0: k worker processes prepare batches in parallel), and with a
torch.Generator seeded with seed. The generator fixes the shuffle order and
also the seed each worker's torch random numbers start from, so random
augmentation inside __getitem__ (run in the workers) repeats exactly with
the same seed. Set pin_memory=True exactly when a CUDA GPU is available
(torch.cuda.is_available()): page-locked batches copy to the GPU faster;
without a GPU pinning is useless.

Read: torch.utils.data.DataLoader (num_workers, generator, pin_memory), torch.cuda.is_available
"""
import torch
from torch.utils.data import DataLoader, Dataset


class Jittered(Dataset):
    """Sample i is i plus random noise drawn when it is read."""

    def __len__(self):
        return 12

    def __getitem__(self, i):
        return torch.tensor(float(i)) + torch.rand(())


def make_loader(dataset, batch_size, workers, seed):
    return DataLoader(dataset, batch_size=batch_size, shuffle=True, num_workers=workers,
                      generator=torch.Generator().manual_seed(seed), pin_memory=torch.cuda.is_available())


if __name__ == "__main__":
    for _ in range(2):
        print([batch.tolist() for batch in make_loader(Jittered(), 4, workers=2, seed=0)])
