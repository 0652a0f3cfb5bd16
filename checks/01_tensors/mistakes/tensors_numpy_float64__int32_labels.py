import torch


def to_features(arr):
    return torch.as_tensor(arr, dtype=torch.float32)


def to_labels(arr):
    return torch.as_tensor(arr)
