import random

import numpy as np
import pytest
import torch
from torch import nn
from torch.utils.data import DataLoader, Dataset

from dlings.testing import expect, expect_equal, fail


class Augmented(Dataset):
    def __init__(self, n=24):
        self.x = torch.arange(n, dtype=torch.float32)
        self.rng = np.random.default_rng()          # unseeded: only a worker_init_fn makes it reproducible

    def __len__(self):
        return len(self.x)

    def __getitem__(self, i):
        return i, self.x[i] + float(self.rng.normal())


@pytest.fixture(autouse=True)
def restore_determinism():
    before = torch.are_deterministic_algorithms_enabled()
    yield
    torch.use_deterministic_algorithms(before)


def test_seed_everything(exercise):
    torch.use_deterministic_algorithms(False)
    exercise.seed_everything(7)
    got = (random.random(), float(np.random.rand()), float(torch.rand(())))
    random.seed(7)
    np.random.seed(7)
    torch.manual_seed(7)
    want = (random.random(), float(np.random.rand()), float(torch.rand(())))
    for name, g, w, how in zip(["Python's random", "NumPy's global RNG (np.random)", "torch"], got, want,
                               ["random.seed(seed)", "np.random.seed(seed) (np.random.default_rng(seed) makes a "
                                "NEW generator and leaves the global one alone)", "torch.manual_seed(seed)"]):
        expect(g == w, f"after seed_everything(7), {name} did not give the numbers it gives after seeding it "
                       f"with 7 ({g!r} instead of {w!r}).", hint=f"seed it: {how}.")
    expect(torch.are_deterministic_algorithms_enabled(),
           "after seed_everything(7), torch.are_deterministic_algorithms_enabled() is False.",
           hint="torch.use_deterministic_algorithms(True).")


def epochs(loader, n=2):
    out = []
    for _ in range(n):
        idx, vals = [], []
        for i, v in loader:
            idx.append(i)
            vals.append(v)
        out.append((torch.cat(idx), torch.cat(vals)))
    return out


def make(exercise, seed):
    loader = exercise.make_loader(Augmented(), 4, seed)
    if loader is None:
        fail(f"make_loader(dataset, 4, seed={seed}) returned None.", hint="finish the TODO and return the DataLoader.")
    expect(isinstance(loader, DataLoader), f"make_loader should return a DataLoader, got {type(loader).__name__}.")
    return loader


def test_loader(exercise):
    loader = make(exercise, 0)
    expect_equal(loader.num_workers, 2, "make_loader(...).num_workers")
    expect(loader.worker_init_fn is not None, "make_loader(...) has no worker_init_fn.",
           hint="pass worker_init_fn=seed_worker: the dataset's own generator is copied into each worker unseeded.")
    torch.manual_seed(123)
    a = epochs(loader)
    torch.manual_seed(456)                               # the global RNG must not matter
    b = epochs(make(exercise, 0))
    for e in range(2):
        if not torch.equal(a[e][0], b[e][0]):
            fail(f"two loaders made with seed=0 gave different sample orders in epoch {e + 1} (torch's global RNG "
                 "was seeded differently before each).",
                 hint="give the DataLoader its own generator: g = torch.Generator(); g.manual_seed(seed); "
                      "DataLoader(..., shuffle=True, generator=g).")
        if not torch.equal(a[e][1], b[e][1]):
            fail(f"two loaders made with seed=0 gave the same order but different augmentation noise in epoch "
                 f"{e + 1}: the dataset's own generator (dataset.rng) is not seeded from your seed.",
                 hint="in seed_worker: info = torch.utils.data.get_worker_info(); "
                      "info.dataset.rng = np.random.default_rng(info.seed).")
    expect(not torch.equal(a[0][0], a[1][0]), "epoch 1 and epoch 2 gave the same order; shuffle=True reshuffles "
           "every epoch.", hint="shuffle=True, and make the generator once (in make_loader), not per epoch.")
    noise = [vals - idx.float() for idx, vals in a]
    # batches of 4 alternate between the 2 workers: a worker copies the same generator state unless reseeded
    w0, w1 = noise[0].view(-1, 4)[0::2], noise[0].view(-1, 4)[1::2]
    if torch.allclose(w0, w1, atol=1e-4):
        fail("the two workers drew the SAME augmentation noise: each got a copy of the dataset's generator in the "
             "same state.", hint="seed each worker's copy from get_worker_info().seed (different per worker).")
    if torch.allclose(noise[0], noise[1], atol=1e-4):
        fail("epoch 2 drew the same augmentation noise as epoch 1: your seed_worker ignores the seed torch gives "
             "each worker (it changes every epoch).", hint="np.random.default_rng(get_worker_info().seed), not "
             "default_rng(worker_id) or a constant.")
    c = epochs(make(exercise, 1), 1)
    expect(not torch.allclose(c[0][1] - c[0][0].float(), noise[0], atol=1e-4),
           "make_loader(..., seed=1) drew the same augmentation noise as seed=0: the noise must follow the seed.",
           hint="np.random.default_rng(get_worker_info().seed): that seed comes from the loader's generator.")


def train_run(exercise, seed):
    exercise.seed_everything(seed)
    model = nn.Sequential(nn.Linear(1, 8), nn.ReLU(), nn.Dropout(0.3), nn.Linear(8, 1))
    with torch.no_grad():                        # some NumPy and Python randomness in the run too
        model[0].bias.add_(torch.from_numpy(np.random.normal(size=8)).float() * 0.1)
    opt = torch.optim.SGD(model.parameters(), lr=0.01 * (1 + random.random()))
    for i, v in epochs(exercise.make_loader(Augmented(), 4, seed)):
        loss = ((model(v[:, None] / 24) - i[:, None].float() / 24) ** 2).mean()
        opt.zero_grad()
        loss.backward()
        opt.step()
    return [p.detach().clone() for p in model.parameters()]


def test_two_runs_bitwise_equal(exercise):
    a = train_run(exercise, 0)
    torch.manual_seed(99)
    np.random.seed(99)
    random.seed(99)
    b = train_run(exercise, 0)
    for k, (x, y) in enumerate(zip(a, b)):
        if not torch.equal(x, y):
            fail(f"two training runs with seed_everything(0) and make_loader(..., seed=0) ended with different "
                 f"parameters (parameter {k}, largest difference {(x - y).abs().max().item():.3g}).",
                 hint="the run draws from torch (init, dropout), NumPy's global RNG and Python's random: "
                      "seed_everything must seed all three.")
