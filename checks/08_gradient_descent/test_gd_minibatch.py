import math

import torch

from dlings.testing import expect_close, expect_equal, fail
from support_08_gradient_descent import expect_no_data_attribute, expect_no_nn_or_optim, linear_data, no_nn_or_optim


def _reference(X, y, w0, b0, lr, bs, seed, *, drop_last=False, shuffle=True, accumulate=False):
    w, b = w0.clone().requires_grad_(), b0.clone().requires_grad_()
    n = X.shape[0]
    perm = torch.randperm(n, generator=torch.Generator().manual_seed(seed)) if shuffle else torch.arange(n)
    stop = n - n % bs if drop_last else n
    for start in range(0, stop, bs):
        idx = perm[start:start + bs]
        ((X[idx] @ w + b - y[idx]) ** 2).mean().backward()
        with torch.no_grad():
            w -= lr * w.grad
            b -= lr * b.grad
        if not accumulate:
            w.grad = b.grad = None
    return w.detach(), b.detach()


def test_matches_reference_epoch(exercise):
    for n, d, bs, seed in [(50, 3, 8, 0), (37, 2, 10, 1), (20, 4, 5, 2)]:
        X, y, _, _ = linear_data(n, d, seed)
        g0 = torch.Generator().manual_seed(seed + 50)
        w0, b0 = torch.randn(d, generator=g0), torch.randn((), generator=g0)
        w, b = w0.clone().requires_grad_(), b0.clone().requires_grad_()
        lr, gen_seed = 0.05, seed + 7
        with no_nn_or_optim():
            steps = exercise.minibatch_epoch(X, y, w, b, lr, bs, torch.Generator().manual_seed(gen_seed))
        if steps is None:
            fail("minibatch_epoch returned None: finish the TODO and return the number of updates made.")
        expect_equal(steps, math.ceil(n / bs), what=f"the number of updates for N={n}, batch_size={bs}",
                     mistakes={"the last, smaller batch was dropped: range(0, N, batch_size) keeps it.": n // bs},
                     hint="one update per batch, the last (smaller) batch included.")
        if torch.equal(w.detach(), w0):
            fail("w did not change: minibatch_epoch must update the caller's w and b in place.")
        ref_w, ref_b = _reference(X, y, w0, b0, lr, bs, gen_seed)
        expect_close(w.detach(), ref_w, what=f"w after one epoch (N={n}, batch_size={bs})", rtol=1e-4, atol=1e-5,
                     mistakes={
                         "the batches were not shuffled: index with perm = torch.randperm(N, generator=gen).":
                             _reference(X, y, w0, b0, lr, bs, gen_seed, shuffle=False)[0],
                         "gradients accumulated across batches: clear w.grad and b.grad after each update.":
                             _reference(X, y, w0, b0, lr, bs, gen_seed, accumulate=True)[0],
                     },
                     hint="use ONE permutation (torch.randperm(N, generator=gen)) to index both X and y, so each "
                          "sample keeps its own target.")
        expect_close(b.detach(), ref_b, what=f"b after one epoch (N={n}, batch_size={bs})", rtol=1e-4, atol=1e-5)


def test_rules(exercise):
    expect_no_nn_or_optim(exercise)
    expect_no_data_attribute(exercise)
