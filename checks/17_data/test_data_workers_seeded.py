"""Each loader with workers forks them from the check process: about 0.1-0.3 s each here."""
import torch
from torch.utils.data import Dataset

from dlings.testing import expect, expect_equal, fail
from support_17_data import epoch, expect_loader


class Jittered(Dataset):
    """Sample i is i + a random number drawn when it is read (an augmentation)."""

    def __len__(self):
        return 24

    def __getitem__(self, i):
        return torch.tensor(float(i)) + torch.rand(())


def _make(exercise, workers, seed):
    loader = expect_loader(exercise.make_loader(Jittered(), 6, workers, seed),
                           f"make_loader(dataset, 6, workers={workers}, seed={seed})")
    if loader.num_workers > 0:
        loader.timeout = 20    # a hung worker fails the check instead of the whole timeout
    return loader


def _read(loader):
    return [b.clone() for b in epoch(loader, "the loader")]


def _batches(exercise, workers, seed):
    loader = _make(exercise, workers, seed)
    return loader, _read(loader)


def test_settings(exercise):
    loader, batches = _batches(exercise, 2, 0)
    expect_equal(loader.num_workers, 2, "num_workers of make_loader(dataset, 6, workers=2, seed=0)",
                 hint="pass num_workers=workers to the DataLoader.")
    expect_equal(loader.batch_size, 6, "batch_size of the loader")
    expect_equal(bool(loader.pin_memory), torch.cuda.is_available(),
                 f"pin_memory of the loader on this machine (CUDA available: {torch.cuda.is_available()})",
                 hint="pin_memory=torch.cuda.is_available(): pinning only helps copies to a GPU.")
    order = torch.cat(batches).floor().long().tolist()
    expect_equal(sorted(order), list(range(24)), "the samples of one epoch (sorted)")
    expect(order != list(range(24)), "the loader does not shuffle: shuffle=True.")


def test_keeps_the_last_partial_batch(exercise):
    loader = exercise.make_loader(Jittered(), 5, 0, 0)
    sizes = [len(batch) for batch in loader]
    expect_equal(sizes, [5, 5, 5, 5, 4], "the batch sizes of make_loader(24-sample dataset, 5, workers=0, seed=0)",
                 mistakes={"drop_last=True drops the last, partial batch: leave it at its default (False).":
                           [5, 5, 5, 5]})


def test_same_seed_same_random_numbers_with_workers(exercise):
    torch.manual_seed(0)
    first = _make(exercise, 2, 7)
    torch.rand(5)          # other code moves the global generator on
    second = _make(exercise, 2, 7)
    torch.manual_seed(99)
    a = _read(first)
    torch.rand(3)
    b = _read(second)
    if not all(torch.equal(x, y) for x, y in zip(a, b, strict=True)):
        fail("two loaders made with seed 7 and 2 workers gave different batches: the order or the random noise drawn "
             "inside the workers changed.",
             hint="give the DataLoader generator=torch.Generator().manual_seed(seed): it fixes the shuffle AND the "
                  "base seed of every worker. Without it both come from the global generator.")
    _, c = _batches(exercise, 2, 8)
    expect(not all(torch.equal(x, y) for x, y in zip(a, c, strict=True)), "seeds 7 and 8 gave the same batches.")


def test_same_seed_same_random_numbers_without_workers(exercise):
    torch.manual_seed(1)
    first = _make(exercise, 0, 3)
    second = _make(exercise, 0, 3)
    torch.manual_seed(2)
    a = _read(first)
    torch.rand(3)
    b = _read(second)
    expect(len(a) == len(b) and all(torch.equal(x.floor(), y.floor()) for x, y in zip(a, b, strict=True)),
           "two loaders made with seed 3 and no workers gave different orders.",
           hint="generator=torch.Generator().manual_seed(seed)")
