"""index_scatter_add: sum rows into buckets, repeated indices included.

Write class_sums(features, labels, num_classes): features has shape (N, D),
labels shape (N,) (int64). Return a (num_classes, D) tensor whose row c is
the sum of the feature rows with label c (zeros for a class with no rows).
Make it in features' dtype and on features' device.

Surprise: out[labels] += features does NOT add twice when a label repeats.
It reads out[labels], adds, and writes the sums back with one indexed
write; when an index repeats, only one of its writes survives, and torch
does not promise which (index_put_ calls this undefined). Find an op that
ACCUMULATES into repeated indices.
The check forbids Python loops. Read: torch.Tensor.index_add_, torch.Tensor.scatter_add_
"""
import torch


def class_sums(features, labels, num_classes):
    out = features.new_zeros(num_classes, features.shape[1])
    return out.index_add_(0, labels, features)


if __name__ == "__main__":
    f = torch.tensor([[1.0, 1.0], [2.0, 2.0], [5.0, 5.0]])
    print(class_sums(f, torch.tensor([0, 0, 2]), 3))  # rows: [3, 3], [0, 0], [5, 5]
