import math

import torch
from torch.utils.data import TensorDataset

from dlings.testing import expect, expect_equal, fail
from support_17_data import describe, expect_map_dataset

# (n, val_fraction)
# (9, 0.3): 2.7 -> 2, where round() gives 3 (round(2.5) and round(0.5) round to even, so the others miss it)
CASES = [(100, 0.2), (10, 0.25), (7, 0.3), (9, 0.3), (1, 0.5), (30, 0.0)]


def _ids(part, what):
    expect_map_dataset(part, what)
    return [int(part[i][0]) for i in range(len(part))]


def _split(exercise, n, fraction, seed):
    # the samples are sorted by class (three blocks), as data often is on disk
    ds = TensorDataset(torch.arange(n), torch.arange(n) * 3 // max(n, 1))
    out = exercise.split_train_val(ds, fraction, seed)
    what = f"split_train_val(dataset of {n}, {fraction}, seed={seed})"
    if not isinstance(out, tuple) or len(out) != 2:
        fail(f"{what} should return (train, val); got {describe(out)}.")
    return _ids(out[0], f"train from {what}"), _ids(out[1], f"val from {what}"), what


def test_sizes_and_no_overlap(exercise):
    for n, fraction in CASES:
        train, val, what = _split(exercise, n, fraction, 0)
        n_val = int(n * fraction)
        expect_equal((len(train), len(val)), (n - n_val, n_val), f"(len(train), len(val)) of {what}", mistakes={
            "val is rounded up (ceil) or to nearest: the docstring says int(len * val_fraction), rounded down.":
                (n - math.ceil(n * fraction), math.ceil(n * fraction)),
            "val is rounded to the nearest (round()): the docstring says int(len * val_fraction), rounded down.":
                (n - round(n * fraction), round(n * fraction)),
            "train and val are swapped: return (train, val), val being the smaller part.": (n_val, n - n_val),
        })
        expect(not set(train) & set(val), f"{what}: train and val share samples {sorted(set(train) & set(val))[:5]}.")
        expect_equal(sorted(train + val), list(range(n)), f"all samples of train and val together ({what})")


def test_random_and_reproducible(exercise):
    train, val, what = _split(exercise, 100, 0.2, 3)
    expect(val != list(range(80, 100)) and val != list(range(20)) and sorted(val) != list(range(80, 100))
           and sorted(val) != list(range(20)),
           f"{what}: val is a block at the start or end of the data set, not a random draw. Data on disk is often "
           "sorted (here by class), so a cut would give val one class only.",
           hint="torch.utils.data.random_split(dataset, [n_train, n_val], generator=...)")
    torch.manual_seed(0)
    first = _split(exercise, 100, 0.2, 3)
    torch.rand(5)
    torch.manual_seed(77)
    again = _split(exercise, 100, 0.2, 3)
    expect(first[:2] == again[:2], "split_train_val with the same seed gave two different splits.",
           hint="draw with your own generator: random_split(..., generator=torch.Generator().manual_seed(seed)); "
                "without it, random_split uses the global generator, which other code moves on.")
    other = _split(exercise, 100, 0.2, 4)
    expect(sorted(other[1]) != sorted(first[1]), "seeds 3 and 4 gave the same split: use the seed.")


def test_global_rng_untouched(exercise):
    torch.manual_seed(5)
    state = torch.get_rng_state()
    _split(exercise, 50, 0.2, 1)
    expect(torch.equal(torch.get_rng_state(), state),
           "split_train_val changed torch's global random state (it called torch.manual_seed, or drew from it).",
           hint="only your own torch.Generator().manual_seed(seed) should be used.")
