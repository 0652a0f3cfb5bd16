"""data_lazy_dataset: samples made on demand, the same every time.

A Dataset need not hold its data: __getitem__ can build sample i when asked.
Write NoisyWaves(n, length, seed). Sample i is the pair (wave, freq):
  freq = 1 + i % 5, a Python int;
  t = torch.arange(length) / length;
  wave = torch.sin(2 * pi * freq * t) + 0.1 * noise, float32 of shape (length,),
  noise = torch.randn(length, generator=g) with g = torch.Generator() seeded with seed + i.
So ds[i] depends only on (seed, i): the same however often, in whatever
order, and in whichever DataLoader worker it is read. len(ds) is n; an
index i >= n raises IndexError (that is how `for s in ds` stops; negative
indices are never used here).

Read: torch.Generator (manual_seed), torch.randn (generator=), torch.utils.data.Dataset
"""
import math

import torch
from torch.utils.data import Dataset


class NoisyWaves(Dataset):
    def __init__(self, n, length, seed):
        self.n, self.length, self.seed = n, length, seed

    def __len__(self):
        return self.n

    def __getitem__(self, i):
        if i >= self.n:
            raise IndexError(f"index {i} is out of range for {self.n} samples")
        freq = 1 + i % 5
        t = torch.arange(self.length) / self.length
        g = torch.Generator().manual_seed(self.seed + i)
        noise = torch.randn(self.length, generator=g)
        return torch.sin(2 * math.pi * freq * t) + 0.1 * noise, freq


if __name__ == "__main__":
    ds = NoisyWaves(10, 8, seed=0)
    print(len(ds), ds[3])
    print("read twice, same sample:", torch.equal(ds[3][0], ds[3][0]))
