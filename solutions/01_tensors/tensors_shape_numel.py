"""tensors_shape_numel: asking a tensor how big it is.

x.shape (or x.size()) is a torch.Size, a tuple of ints; x.ndim (x.dim()) is
how many dimensions; x.numel() is how many values in all. len(x) is only the
size of the FIRST dimension (and fails on a 0-d tensor).

- `features_per_sample(x)`: x is a batch, shape (batch, ...). Return how many
  values ONE sample holds, as a Python int (for a (32, 3, 28, 28) batch: 2352).
- `count_values(tensors)`: the total number of values in a list of tensors
  (how you count a model's parameters), as a Python int.

Read: torch.Tensor.shape, torch.Tensor.numel, torch.Tensor.dim
"""
import torch


def features_per_sample(x):
    return x[0].numel()


def count_values(tensors):
    return sum(t.numel() for t in tensors)


if __name__ == "__main__":
    x = torch.zeros(32, 3, 28, 28)
    print(x.shape, x.ndim, x.numel(), len(x))
    print(features_per_sample(x), count_values([x, torch.zeros(10)]))
