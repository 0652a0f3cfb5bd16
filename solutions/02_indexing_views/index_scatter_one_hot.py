"""index_scatter_one_hot: write 1s at given positions with scatter_.

Write to_one_hot(labels, num_classes): labels has shape (N,), int64 in
[0, num_classes). Return a float32 tensor of shape (N, num_classes), all 0
except out[i, labels[i]] = 1.

Concept: out.scatter_(dim, index, value) is gather's mirror: it WRITES value
into out along `dim` at the positions in `index` (index has out's number of
dims). Start from zeros of the right shape and dtype.
Not allowed: torch.nn.functional.one_hot (that is the whole job).
Read: torch.Tensor.scatter_, torch.zeros
"""
import torch


def to_one_hot(labels, num_classes):
    out = torch.zeros(labels.shape[0], num_classes, device=labels.device)
    return out.scatter_(1, labels.unsqueeze(1), 1.0)


if __name__ == "__main__":
    print(to_one_hot(torch.tensor([2, 0, 1]), 4))
