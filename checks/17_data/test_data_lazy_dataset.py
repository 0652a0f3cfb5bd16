import math

import torch

from dlings.testing import expect, expect_close, expect_equal, fail
from support_17_data import describe, take


def _want(i, length, seed):
    freq = 1 + i % 5
    t = torch.arange(length) / length
    noise = torch.randn(length, generator=torch.Generator().manual_seed(seed + i))
    return torch.sin(2 * math.pi * freq * t) + 0.1 * noise, freq


def _item(ds, i, what):
    item = ds[i]
    if not isinstance(item, tuple) or len(item) != 2:
        fail(f"{what} should be the pair (wave, freq); got {describe(item)}.", hint="return wave, freq")
    return item


def _check(ds, i, length, seed, what, reads_before):
    wave, freq = _item(ds, i, what)
    want_wave, want_freq = _want(i, length, seed)
    if not isinstance(freq, int) or isinstance(freq, bool):
        fail(f"the freq of {what} should be a Python int, got {describe(freq)}.",
             hint="freq = 1 + i % 5 with i a Python int is already an int: do not wrap it in torch.tensor.")
    expect_equal(freq, want_freq, f"the freq of {what}", hint="freq = 1 + i % 5")
    no_noise = want_wave - 0.1 * torch.randn(length, generator=torch.Generator().manual_seed(seed + i))
    same_noise = torch.sin(2 * math.pi * want_freq * torch.arange(length) / length) + 0.1 * torch.randn(
        length, generator=torch.Generator().manual_seed(seed))
    g = torch.Generator().manual_seed(seed)
    for _ in range(reads_before):
        torch.randn(length, generator=g)
    next_draw = torch.sin(2 * math.pi * want_freq * torch.arange(length) / length) + 0.1 * torch.randn(length, generator=g)
    expect_close(wave, want_wave, f"the wave of {what}", rtol=1e-5, atol=1e-5, mistakes={
        "one generator (or torch.manual_seed) seeded once gives each read the next random numbers, so a sample "
        "depends on what was read before it: make torch.Generator().manual_seed(seed + i) inside __getitem__.":
        next_draw,
        "the noise should come from a generator seeded with seed + i; yours uses seed alone, so every sample has "
        "the same noise.": same_noise,
        "the wave has no noise: add 0.1 * torch.randn(length, generator=g).": no_noise,
    })


def test_samples_match_the_recipe(exercise):
    for n, length, seed in [(10, 16, 0), (7, 1, 5), (3, 40, 123)]:
        ds = exercise.NoisyWaves(n, length, seed)
        expect_equal(len(ds), n, f"len(NoisyWaves({n}, {length}, {seed}))")
        for k, i in enumerate(sorted({0, 1, n - 1})):
            _check(ds, i, length, seed, f"NoisyWaves({n}, {length}, {seed})[{i}]", reads_before=k)


def test_same_sample_whatever_the_order(exercise):
    n, length, seed = 12, 20, 7
    ds = exercise.NoisyWaves(n, length, seed)
    first = [_item(ds, i, f"ds[{i}]")[0].clone() for i in range(n)]
    torch.manual_seed(99)
    torch.rand(5)   # other code uses the global random numbers meanwhile
    for i in [5, 0, 11, 5, 3, 3]:
        again = _item(ds, i, f"ds[{i}]")[0]
        if not torch.equal(again, first[i]):
            fail(f"reading ds[{i}] again (after reading other samples) gave a different wave.",
                 hint="make a new torch.Generator().manual_seed(seed + i) inside __getitem__: a generator made once "
                      "in __init__ (or the global RNG) gives each read the next random numbers, so a sample depends "
                      "on what was read before.")
    other = exercise.NoisyWaves(n, length, seed)
    expect(torch.equal(_item(other, 4, "ds[4]")[0], first[4]),
           "a second NoisyWaves with the same seed gave a different ds[4].")


def test_index_error_ends_iteration(exercise):
    ds = exercise.NoisyWaves(6, 5, 0)
    for bad in (6, 9):
        try:
            ds[bad]
        except IndexError:
            continue
        except Exception as exc:  # noqa: BLE001
            fail(f"NoisyWaves(6, 5, 0)[{bad}] raised {type(exc).__name__}; it should raise IndexError.")
        fail(f"NoisyWaves(6, 5, 0)[{bad}] returned a sample; indices go from 0 to 5, so it should raise IndexError.",
             hint="start __getitem__ with `if i >= self.n: raise IndexError(i)`.")
    items = take(ds, 6, "NoisyWaves(6, 5, 0) with a for loop")
    expect_equal(len(items), 6, "the number of samples a `for` loop over NoisyWaves(6, 5, 0) sees")
