import torch
from torch.utils.data import DataLoader, Sampler

from dlings import data
from dlings.testing import expect, expect_equal, fail
from support_17_data import describe


def _sampler(exercise, labels, seed):
    s = exercise.balanced_sampler(labels, seed)
    if s is None or s is Ellipsis:
        fail(f"balanced_sampler returned {s!r}.", hint="finish the TODO and `return` the WeightedRandomSampler.")
    if not isinstance(s, Sampler):
        fail(f"balanced_sampler returned {describe(s)}, not a torch.utils.data Sampler.")
    return s


def _draw(sampler, n):
    indices = list(sampler)
    return torch.tensor(indices[: 2 * n + 1], dtype=torch.long)


def test_classes_come_equally_often(exercise):
    # measured: the reference draws each class 500 +- 50 times out of 3000
    train = data.shapes(3000, variant="imbalanced", classes=6, seed=0)
    labels = train.y
    counts = torch.bincount(labels).tolist()
    sampler = _sampler(exercise, labels, 0)
    idx = _draw(sampler, len(labels))
    expect_equal(len(idx), len(labels), "the number of indices one epoch of the sampler draws", mistakes={
        "num_samples is the number of classes: draw len(labels) samples per epoch.": len(counts),
        "num_samples is the size of the rarest class: draw len(labels) samples per epoch.": min(counts),
    })
    if int(idx.max()) < len(counts):
        fail(f"every index the sampler drew is below {len(counts)}: the weights have one entry per CLASS, so the "
             "sampler only picks samples 0..5.",
             hint="give one weight per SAMPLE: weights = (1 / counts)[labels].")
    drawn = torch.bincount(labels[idx], minlength=6)
    if (drawn - 500).abs().max() > 150:
        cause = None
        if drawn.tolist() == counts:
            cause = "replacement=False draws every sample exactly once: the epoch keeps the imbalance. Use replacement=True."
        elif drawn[0] > drawn[5] * 3:
            cause = "the weights favour the frequent classes: weight a sample by 1 / (count of its class), not by the count."
        elif drawn[5] > drawn[0] * 3:
            cause = "the rare classes are drawn far too often: 1 / count, not 1 / count ** 2."
        fail(f"classes in the data set: {counts}\nclasses in one epoch of your sampler: {drawn.tolist()}\n"
             "each class should be drawn about 500 times.", hint=cause)


def test_reproducible_with_its_own_generator(exercise):
    labels = data.shapes(600, variant="imbalanced", classes=6, seed=1).y
    torch.manual_seed(0)
    a = _sampler(exercise, labels, 3)
    b = _sampler(exercise, labels, 3)
    first = list(a)
    torch.rand(10)
    second = list(b)
    expect(first == second, "two samplers made with seed 3 drew different indices when other code used torch's "
           "global random numbers in between.",
           hint="WeightedRandomSampler(..., generator=torch.Generator().manual_seed(seed))")
    expect(list(_sampler(exercise, labels, 4)) != first, "seeds 3 and 4 drew the same indices: use the seed.")
    expect(list(a) != first, "the sampler draws the same indices every epoch.")


def test_works_in_a_dataloader(exercise):
    train = data.shapes(400, variant="imbalanced", classes=6, seed=2)
    loader = DataLoader(train, batch_size=100, sampler=_sampler(exercise, train.y, 0))
    seen = sum(torch.bincount(y, minlength=6) for _, y in loader)
    expect(int(seen.sum()) == 400, f"one epoch of a DataLoader with your sampler gave {int(seen.sum())} samples, not 400.")
