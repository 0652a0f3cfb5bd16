import torch

from dlings.testing import expect
from support_03_math_ops import call, python_float


def _rank_of_label(logits, labels):
    """0 for the best class, 1 for the second best..."""
    return (logits > logits.gather(1, labels[:, None])).sum(dim=1)


def _acc(logits, labels, k):
    return (_rank_of_label(logits, labels) < k).float().mean().item()


def test_topk_accuracy(exercise):
    g = torch.Generator().manual_seed(0)
    for (batch, classes), k in [((12, 6), 3), ((12, 6), 1), ((10, 10), 4), ((9, 5), 5), ((7, 4), 2)]:
        logits = torch.randn(batch, classes, generator=g)
        labels = torch.randint(0, classes, (batch,), generator=g)
        want = _acc(logits, labels, k)
        got = python_float(call(exercise.topk_accuracy, logits, labels, k),
                       f"topk_accuracy(logits, labels, k={k}) for logits of shape {(batch, classes)}")
        causes = {
            "you took the k SMALLEST scores (largest=False, or sorted ascending).":
                ((classes - 1 - _rank_of_label(logits, labels)) < k).float().mean().item(),
            "only the single best class is compared (top-1), whatever k is.": _acc(logits, labels, 1),
            "off by one: that is top-(k-1) accuracy.": _acc(logits, labels, k - 1) if k > 1 else None,
            "off by one: that is top-(k+1) accuracy.": _acc(logits, labels, k + 1),
            "that is the number of correct rows, not the fraction: divide by the batch size (or .mean()).":
                want * batch,
        }
        hint = next((c for c, v in causes.items() if v is not None and abs(got - v) < 1e-6), None)
        if classes == batch and hint is None:
            top0 = logits.topk(k, dim=0).indices.T
            if abs(got - (top0 == labels[:, None]).any(1).float().mean().item()) < 1e-6:
                hint = "topk ran over dim 0 (the batch); each row's best classes are along dim 1."
        expect(abs(got - want) < 1e-6,
               f"topk_accuracy(logits, labels, k={k}) for logits of shape {(batch, classes)} is not right.\n"
               f"  expected {want:.4f} ({round(want * batch)} of {batch} labels are in their row's top {k})\n"
               f"  got      {got:.4f}", hint=hint)
