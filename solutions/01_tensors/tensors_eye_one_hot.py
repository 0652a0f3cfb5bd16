"""tensors_eye_one_hot: the identity matrix as a one-hot lookup table.

torch.eye(n) is the n x n identity matrix (float32): row i is all zeros
except a 1 in column i, which is exactly the one-hot vector of class i.
Indexing a tensor with a tensor of indices picks those rows.

Make `one_hot(labels, num_classes)` return a float32 tensor of shape
(len(labels), num_classes) whose row k is the one-hot vector of labels[k].
`labels` is an int64 tensor of class indices.
Not allowed: torch.nn.functional.one_hot (it does the whole job).

Read: torch.eye, "Indexing" in the tensor tutorial
"""
import torch


def one_hot(labels, num_classes):
    return torch.eye(num_classes)[labels]


if __name__ == "__main__":
    print(torch.eye(3))
    print(one_hot(torch.tensor([2, 0, 1, 2]), 3))
