import torch


def to_features(arr):
    return torch.from_numpy(arr)


def to_labels(arr):
    return torch.from_numpy(arr).long()
