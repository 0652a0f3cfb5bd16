"""intro1: your first edit.

Welcome to dlings! Each exercise is a small Python file with a `# TODO`.
Edit the file and save it. If `dlings watch` is running, it checks every
save at once; without it, run `dlings run` after saving.

Make `first_tensor()` return the tensor [1.0, 2.0, 3.0] with dtype float32
(torch's default for floats; float64 does not count).

Read: torch.tensor (https://pytorch.org/docs/stable/generated/torch.tensor.html)
"""
import torch


def first_tensor():
    return torch.tensor([1.0, 2.0, 3.0])


if __name__ == "__main__":
    print(first_tensor())
