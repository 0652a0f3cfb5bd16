import math

import torch
import torch.nn.functional as F
from torch import nn

from dlings.testing import expect, expect_close, expect_equal, expect_shape, expect_tensor, fail


def per_sample(logits, target):
    return F.cross_entropy(logits, target, reduction="none")


def test_hardest(exercise):
    g = torch.Generator().manual_seed(0)
    for n, c, k in [(12, 5, 3), (7, 3, 1), (6, 4, 6), (1, 2, 1)]:
        logits = torch.randn(n, c, generator=g) * 2
        target = torch.randint(0, c, (n,), generator=g)
        losses = per_sample(logits, target)
        what = f"hardest(logits, target, k={k}) for {n} samples"
        got = exercise.hardest(logits.clone(), target.clone(), k)
        if isinstance(got, (list, tuple)):
            fail(f"{what} returned a {type(got).__name__}; return a tensor of int64 indices.",
                 hint="torch.topk(...).indices (or torch.argsort(..., descending=True)[:k]) is already one.")
        expect_tensor(got, what)
        if got.is_floating_point():
            fail(f"{what} returned floating-point values {got.tolist()}; return the INDICES of the samples "
                 "(int64), not their losses.", hint="topk returns (values, indices): take .indices.")
        expect_shape(got, (k,), what)
        expect_equal(got.dtype, torch.int64, f"the dtype of {what}")
        order = torch.argsort(losses, descending=True)
        probs = torch.softmax(logits, dim=1)
        expect_close(got, order[:k], what, mistakes={
            "those are the k EASIEST samples (smallest losses): take the largest (topk, or a descending sort).":
                torch.argsort(losses)[:k],
            "the right samples in the wrong order: the largest loss comes first.": torch.argsort(losses)[-k:],
            "you ranked by the model's top probability (its confidence), not by the loss of the TRUE class: "
            "use F.cross_entropy(..., reduction='none').": torch.argsort(probs.max(dim=1).values)[:k],
        })


class Probe(nn.Module):
    """A linear classifier that records whether autograd was recording when it ran."""

    def __init__(self, d, c, seed):
        super().__init__()
        torch.manual_seed(seed)
        self.linear = nn.Linear(d, c)
        self.grad_enabled = []

    def forward(self, x):
        self.grad_enabled.append(torch.is_grad_enabled())
        return self.linear(x)


def batches_of(x, y, size):
    return [(x[i:i + size], y[i:i + size]) for i in range(0, len(x), size)]


def test_dataset_loss(exercise):
    g = torch.Generator().manual_seed(1)
    for n, size in [(69, 32), (33, 8), (5, 5), (4, 3)]:
        x = torch.randn(n, 6, generator=g) * 2
        y = torch.randint(0, 4, (n,), generator=g)
        model = Probe(6, 4, seed=n)
        batches = batches_of(x, y, size)
        sizes = [len(b[1]) for b in batches]
        what = f"dataset_loss(model, batches) for batches of sizes {sizes}"
        got = exercise.dataset_loss(model, batches)
        if isinstance(got, torch.Tensor):
            fail(f"{what} returned a tensor; return a Python float (.item() of the final value, or float(...)).")
        expect(isinstance(got, float), f"{what} should return a Python float, got {type(got).__name__} {got!r}.",
               hint="finish the TODO and return the total divided by the number of samples." if got is None else None)
        with torch.no_grad():
            logits = model.linear(x)
            ref = F.cross_entropy(logits, y).item()
            means = [F.cross_entropy(model.linear(bx), by).item() for bx, by in batches]
            total = F.cross_entropy(logits, y, reduction="sum").item()
        if math.isclose(got, ref, rel_tol=1e-5, abs_tol=1e-6):
            expect(model.grad_enabled and not any(model.grad_enabled),
                   f"{what} ran the model with autograd recording (a graph was built for every batch).",
                   hint="evaluation needs no gradients: put the loop inside `with torch.no_grad():`."
                   if model.grad_enabled else "call the model on each batch.")
            continue
        causes = {
            "you averaged the batch means; the last, smaller batch then weighs as much as a full one. Sum the "
            "per-batch sums (reduction='sum') and divide by the number of samples.": sum(means) / len(means),
            "you returned the sum over all samples; divide it by the number of samples.": total,
            "you divided by (number of batches x first batch size); the last batch is smaller: count the samples.":
                total / (len(batches) * sizes[0]),
            "you divided by the number of batches; divide by the number of samples.": total / len(batches),
        }
        cause = next((c for c, v in causes.items() if math.isclose(got, v, rel_tol=1e-5, abs_tol=1e-6)), None)
        fail(f"{what} is not right.\n  expected {ref:.6g} (the mean over all {n} samples)\n  got      {got:.6g}",
             hint=cause)
