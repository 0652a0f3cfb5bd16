"""losses_reduction: 'none', 'mean' and 'sum'.

Every torch loss takes reduction=: 'mean' (the default) averages the
per-sample losses, 'sum' adds them up, 'none' returns each one, shape (N,).

Write hardest(logits, target, k): the indices (int64, shape (k,)) of the k
samples with the largest cross-entropy, the largest first.
Write dataset_loss(model, batches): the mean cross-entropy over every SAMPLE
of a list of (x, y) batches of unequal sizes (the last one is smaller), as a
Python float. The mean of the batch means is not that: add up each batch's
sum (reduction='sum') and divide by the number of samples. Evaluate without
building a graph (under torch.no_grad()).

Read: torch.nn.functional.cross_entropy (reduction), torch.topk
"""
import torch
import torch.nn.functional as F
from torch import nn


def hardest(logits: torch.Tensor, target: torch.Tensor, k: int) -> torch.Tensor:
    # TODO: one loss per sample, then the indices of the k largest
    ...


def dataset_loss(model: nn.Module, batches: list[tuple[torch.Tensor, torch.Tensor]]) -> float:
    # TODO: under torch.no_grad(), add up each batch's summed loss and its size; return sum / count
    ...


if __name__ == "__main__":
    torch.manual_seed(0)
    logits, target = torch.randn(8, 3), torch.randint(0, 3, (8,))
    print("hardest 3:", hardest(logits, target, 3))
    model = nn.Linear(4, 3)
    x, y = torch.randn(10, 4), torch.randint(0, 3, (10,))
    print(dataset_loss(model, [(x[:4], y[:4]), (x[4:8], y[4:8]), (x[8:], y[8:])]), "should equal",
          F.cross_entropy(model(x), y).item())
