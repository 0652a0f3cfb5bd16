import torch


def sample_indices(n, k, seed):
    g = torch.Generator()
    g.manual_seed(seed)
    return torch.randperm(n)[:k]
