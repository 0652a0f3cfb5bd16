import torch


def sample_indices(n, k, seed):
    torch.manual_seed(seed)
    return torch.randperm(n)[:k]
