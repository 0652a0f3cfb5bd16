import torch
from torch.utils.data import TensorDataset

from dlings.testing import expect, expect_equal, fail
from support_17_data import epoch, expect_loader

N = 37


def _orders(loader, epochs):
    out = []
    for e in range(epochs):
        batches = epoch(loader, "the loader")
        out.append([int(v) for b in batches for v in b[0].reshape(-1).tolist()])
        if e == 0:
            sizes = [len(b[0]) for b in batches]
            expect(sizes[:-1] == [8] * (len(sizes) - 1) and sizes[-1] == N - 8 * (len(sizes) - 1),
                   f"batches of a loader made with batch_size=8 over {N} samples should have sizes 8, 8, 8, 8, 5; "
                   f"got {sizes}.")
    return out


def _make(exercise, seed):
    ds = TensorDataset(torch.arange(N))
    return expect_loader(exercise.make_loader(ds, 8, seed), f"make_loader(dataset, 8, {seed})")


def test_every_sample_once_and_shuffled(exercise):
    orders = _orders(_make(exercise, 1), 2)
    for e, order in enumerate(orders):
        expect_equal(sorted(order), list(range(N)), f"the sorted samples of epoch {e}",
                     hint="every sample once per epoch: shuffle=True (a sampler drawing with replacement repeats some).")
    expect(orders[0] != list(range(N)), "the loader does not shuffle: epoch 0 comes in the dataset's order.",
           hint="DataLoader(..., shuffle=True, generator=...)")


def test_new_order_each_epoch(exercise):
    orders = _orders(_make(exercise, 2), 3)
    expect(orders[0] != orders[1] and orders[1] != orders[2],
           "every epoch comes in the same order: the order should change from one epoch to the next.",
           hint="do not fix one permutation as the sampler; let the DataLoader shuffle (shuffle=True with a "
                "generator): its generator moves on each epoch.")


def test_same_seed_same_batches_whatever_else_happens(exercise):
    torch.manual_seed(0)
    a = _make(exercise, 5)
    torch.rand(3)            # other code draws global random numbers in between
    b = _make(exercise, 5)
    torch.manual_seed(1234)
    torch.randn(7)
    first = _orders(a, 2)
    torch.rand(11)
    second = _orders(b, 2)
    if first != second:
        fail("two loaders made with seed 5 gave different batches when other code used torch's global random numbers "
             "in between.",
             hint="torch.manual_seed(seed) seeds the GLOBAL generator, which anything else can advance. Give the "
                  "DataLoader its own: generator=torch.Generator().manual_seed(seed).")
    other = _orders(_make(exercise, 6), 1)
    expect(other[0] != first[0], "loaders made with seeds 5 and 6 give the same order: use the seed.")
