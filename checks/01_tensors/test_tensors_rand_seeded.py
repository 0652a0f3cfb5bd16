import torch

from dlings.testing import expect, expect_close, expect_tensor


def _reference(shape, low, high, seed):
    g = torch.Generator().manual_seed(seed)
    return low + (high - low) * torch.rand(shape, generator=g)


CASES = [((2, 3), -1.0, 1.0, 0), ((5,), 2.0, 3.0, 7), ((4, 4), 10.0, 20.0, 123), ((3, 2, 2), -5.0, -4.0, 1)]


def test_values_follow_the_seed(exercise):
    for shape, low, high, seed in CASES:
        what = f"uniform({shape}, {low}, {high}, seed={seed})"
        torch.manual_seed(999)  # whatever state the generator was left in, your seed must win
        got = exercise.uniform(shape, low, high, seed)
        expect_tensor(got, what)
        g = torch.Generator().manual_seed(seed)
        u = torch.rand(shape, generator=g)
        g = torch.Generator().manual_seed(seed)
        z = torch.randn(shape, generator=g)
        expect_close(got, _reference(shape, low, high, seed), what, atol=1e-5, mistakes={
            "the rescaling is off: low + (high - low) * u maps [0, 1) onto [low, high).": low + high * u,
            "the rescaling is off: (high - low) * u only covers [0, high - low); add low.": (high - low) * u,
            "those are the raw [0, 1) numbers: stretch and shift them to [low, high).": u,
            "torch.randn draws from a normal distribution; a uniform range needs torch.rand.":
                low + (high - low) * z,
            "the seed is not used: call torch.manual_seed(seed) before drawing.":
                lambda: _reference(shape, low, high, 999),
        }, hint="call torch.manual_seed(seed) first, then draw once with torch.rand(shape).")


def test_same_seed_same_numbers(exercise):
    a = exercise.uniform((3, 4), 0.0, 1.0, 5)
    torch.rand(10)  # move the global generator on
    b = exercise.uniform((3, 4), 0.0, 1.0, 5)
    expect_close(b, a, "a second call of uniform((3, 4), 0.0, 1.0, seed=5)",
                 hint="the result changes from call to call: seed inside the function, on every call.")


def test_stays_in_range(exercise):
    x = exercise.uniform((2000,), -3.0, 2.0, 11)
    expect(bool((x >= -3.0).all()) and bool((x < 2.0).all()),
           f"uniform((2000,), -3.0, 2.0, seed=11) has values outside [-3, 2): min {x.min().item():.3f}, "
           f"max {x.max().item():.3f}.", hint="low + (high - low) * torch.rand(shape) stays inside [low, high).")
