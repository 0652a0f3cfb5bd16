import torch


def features_per_sample(x):
    return torch.tensor(x.shape[1:]).prod()


def count_values(tensors):
    return sum(t.numel() for t in tensors)
