"""tensors_rand_seeded: random numbers you can reproduce.

torch.rand(shape) draws uniformly from [0, 1); torch.randn(shape) from a
standard normal. Both read PyTorch's global random generator, and
torch.manual_seed(s) resets it, so the same seed always replays the same
numbers: that is how experiments are made repeatable.

Make `uniform(shape, low, high, seed)` return a float32 tensor of the given
shape, uniform in [low, high), that is the same every time it is called with
the same seed. Seed first, then draw once with torch.rand, then rescale.
Seeding the global generator (torch.manual_seed) is what this exercise
teaches; a private torch.Generator seeded with `seed` and passed as
generator= gives the same numbers and counts too.

Read: torch.manual_seed, torch.rand ("Reproducibility" in the notes)
"""
import torch


def uniform(shape, low, high, seed):
    # TODO: seed, draw from [0, 1) with torch.rand, stretch and shift to [low, high)
    ...


if __name__ == "__main__":
    print(uniform((2, 3), -1.0, 1.0, seed=0))
    print(uniform((2, 3), -1.0, 1.0, seed=0))  # the same numbers again
