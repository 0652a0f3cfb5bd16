import torch


def class_sums(features, labels, num_classes):
    out = torch.zeros(num_classes, features.shape[1], dtype=features.dtype)
    return out.index_add_(0, labels, features)
