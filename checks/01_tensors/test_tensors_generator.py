import torch

from dlings.testing import expect, expect_close, expect_tensor


def _reference(n, k, seed):
    return torch.randperm(n, generator=torch.Generator().manual_seed(seed))[:k]


def test_global_generator_untouched(exercise):
    torch.manual_seed(2024)
    before = torch.get_rng_state()
    exercise.sample_indices(20, 5, 3)
    after = torch.get_rng_state()
    expect(torch.equal(before, after),
           "sample_indices(20, 5, seed=3) changed PyTorch's global random state: after it, torch.rand in the "
           "rest of the program no longer gives the numbers it would have.",
           hint="torch.manual_seed (or a torch.rand/randperm without generator=) uses the global generator; "
                "make a torch.Generator(), seed it, and pass generator=g.")


def test_values_follow_the_seed(exercise):
    for n, k, seed in [(10, 3, 42), (20, 20, 0), (7, 1, 5), (50, 10, 123)]:
        what = f"sample_indices({n}, {k}, seed={seed})"
        got = exercise.sample_indices(n, k, seed)
        expect_tensor(got, what)
        expect_close(got, _reference(n, k, seed), what, mistakes={
            "these are the LAST k of the permutation; take the first k ([:k]).":
                torch.randperm(n, generator=torch.Generator().manual_seed(seed))[n - k:],
            "these are not random: 0, 1, ..., k - 1 is torch.arange, not a random sample.": torch.arange(k),
        }, hint="draw with torch.randperm(n, generator=g) where g = torch.Generator().manual_seed(seed), then keep "
                "the first k.")
        expect(len(set(got.tolist())) == k, f"{what} has repeated indices: {got.tolist()}.",
               hint="torch.randint can repeat values; a permutation never does.")
