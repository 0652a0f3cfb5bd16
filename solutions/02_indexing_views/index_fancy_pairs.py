"""index_fancy_pairs: pick scattered elements with index tensors.

Write pick(x, rows, cols): x has shape (N, M); rows and cols are int64
tensors of the same length k. Return the k elements
x[rows[0], cols[0]], x[rows[1], cols[1]], ... as a 1-D tensor of shape (k,).

Concept: "advanced" (fancy) indexing: a tensor of indices inside the
brackets picks many positions at once. Where the index tensors go decides
what you get: indexing twice, x[rows][:, cols], takes every combination of
a row and a column (a k x k grid), which is not what is asked here.
The check forbids Python loops and comprehensions.
Read: https://numpy.org/doc/stable/user/basics.indexing.html#integer-array-indexing
"""
import torch


def pick(x, rows, cols):
    return x[rows, cols]


if __name__ == "__main__":
    x = torch.arange(12).reshape(3, 4)
    print(x)
    print(pick(x, torch.tensor([0, 2, 1]), torch.tensor([3, 0, 1])))  # tensor([3, 8, 5])
