"""gd_minibatch: one epoch of mini-batch SGD.

Instead of one step on all N samples, take many cheap steps on small
batches. Write minibatch_epoch(X, y, w, b, lr, batch_size, gen):
  - draw ONE permutation: perm = torch.randperm(N, generator=gen)
  - walk through it in slices of batch_size: perm[0:bs], perm[bs:2bs], ...
    The last batch may be smaller: keep it (every sample is seen once).
  - for each batch: MSE loss on X[idx], y[idx] (mean over the batch),
    backward, SGD update of w and b under torch.no_grad(), clear the grads.
Return the number of updates made. No torch.nn, no torch.optim, no DataLoader,
no `.data` (the check looks).

Read: torch.randperm, indexing with a tensor of indices
"""
import torch


def minibatch_epoch(X, y, w, b, lr, batch_size, gen):
    # TODO
    ...


if __name__ == "__main__":
    X = torch.randn(103, 3)
    y = X @ torch.tensor([1.0, 2.0, 3.0])
    w, b = torch.zeros(3, requires_grad=True), torch.zeros((), requires_grad=True)
    gen = torch.Generator().manual_seed(0)
    for epoch in range(5):
        steps = minibatch_epoch(X, y, w, b, 0.1, 16, gen)
    print(steps, "steps per epoch; w =", w.detach())
