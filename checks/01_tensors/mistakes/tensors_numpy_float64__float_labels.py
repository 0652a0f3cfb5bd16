import torch


def to_features(arr):
    return torch.tensor(arr).float()


def to_labels(arr):
    return torch.tensor(arr).float()
