"""tensors_full: torch.full, and where its dtype comes from.

torch.full(shape, value) fills a new tensor with one value. Like torch.tensor
it takes the dtype from the value: torch.full((2,), 7) is int64, while
torch.full((2,), 7.0) is float32.

- `ignore_labels(n)`: n class labels, all -100 (the label cross entropy skips).
  Class labels are integers: dtype int64.
- `masked_scores(rows, cols)`: a float32 (rows, cols) tensor of minus
  infinity (softmax turns -inf into a probability of exactly 0).

Read: torch.full, math.inf (or float("-inf"))
"""
import math

import torch


def ignore_labels(n):
    return torch.full((n,), -100)


def masked_scores(rows, cols):
    return torch.full((rows, cols), -math.inf)


if __name__ == "__main__":
    print(ignore_labels(4))
    print(masked_scores(2, 3))
    print(torch.softmax(torch.tensor([1.0, 2.0, -math.inf]), dim=0))  # the -inf score gets 0
