import math, torch
from torch.utils.data import Dataset
class NoisyWaves(Dataset):
    def __init__(self, n, length, seed):
        self.n, self.length, self.seed = n, length, seed
    def __len__(self):
        return self.n
    def __getitem__(self, i):
        if i >= self.n: raise IndexError(i)
        freq = torch.tensor(1 + i % 5)
        t = torch.arange(self.length) / self.length
        g = torch.Generator().manual_seed(self.seed + i)
        return torch.sin(2 * math.pi * freq * t) + 0.1 * torch.randn(self.length, generator=g), freq
