"""reg_reproducible_run: two runs with the same seed, bitwise equal.

A bug you cannot reproduce is a bug you cannot fix. Write:
1. seed_everything(seed): seed Python's `random`, NumPy's global RNG and
   torch's, and turn on torch's deterministic algorithms.
2. seed_worker(worker_id), for DataLoader's worker_init_fn: a dataset may
   own its random generator (like Augmented's self.rng below). Each worker
   process gets a COPY of the dataset, so without help every worker draws
   the same numbers, and nothing ties them to your seed. Give this worker's
   copy a fresh np.random.default_rng seeded from the seed torch chose for
   this worker (torch.utils.data.get_worker_info().seed).
3. make_loader(dataset, batch_size, seed): shuffling, num_workers=2,
   seed_worker as worker_init_fn, and its own torch.Generator seeded with
   seed, so the order and the worker seeds do not depend on anything else.

Read: torch.use_deterministic_algorithms, torch.utils.data.get_worker_info,
https://pytorch.org/docs/stable/notes/randomness.html
"""
import random

import numpy as np
import torch
from torch.utils.data import DataLoader, Dataset, get_worker_info


class Augmented(Dataset):
    """Sample i is (i, x_i + noise), the noise drawn from the dataset's own generator."""

    def __init__(self, n=32):
        self.x = torch.arange(n, dtype=torch.float32)
        self.rng = np.random.default_rng()

    def __len__(self):
        return len(self.x)

    def __getitem__(self, i):
        return i, self.x[i] + float(self.rng.normal())


def seed_everything(seed: int) -> None:
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    torch.use_deterministic_algorithms(True)


def seed_worker(worker_id: int) -> None:
    info = get_worker_info()
    info.dataset.rng = np.random.default_rng(info.seed)


def make_loader(dataset, batch_size: int, seed: int) -> DataLoader:
    g = torch.Generator()
    g.manual_seed(seed)
    return DataLoader(dataset, batch_size=batch_size, shuffle=True, num_workers=2,
                      worker_init_fn=seed_worker, generator=g)


if __name__ == "__main__":
    for run in range(2):
        seed_everything(0)
        print([batch[1][:3].tolist() for batch in make_loader(Augmented(), 8, seed=0)])
