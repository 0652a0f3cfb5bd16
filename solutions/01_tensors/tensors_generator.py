"""tensors_generator: randomness that leaves everyone else's alone.

torch.manual_seed resets the ONE global generator that all of PyTorch shares:
calling it inside a helper silently changes what every later torch.rand in
the program returns. A torch.Generator is a private random stream: seed it,
pass it as `generator=`, and the global stream is untouched.

Make `sample_indices(n, k, seed)` return the first k values of
torch.randperm(n) drawn with a private generator seeded with `seed` (k
distinct int64 indices from 0..n-1; the check compares them with exactly
that draw, so another way of shuffling does not count). Do not touch the
global generator.

Read: torch.Generator, torch.randperm (its generator= argument)
"""
import torch


def sample_indices(n, k, seed):
    g = torch.Generator().manual_seed(seed)
    return torch.randperm(n, generator=g)[:k]


if __name__ == "__main__":
    torch.manual_seed(0)
    print(sample_indices(10, 3, seed=42), torch.rand(1))  # torch.rand must still
    torch.manual_seed(0)
    print(torch.rand(1))                                    # print the same number here
