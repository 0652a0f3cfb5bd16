"""losses_cross_entropy: cross-entropy from logits, by hand.

For logits (N, C) and class indices target (N,), sample i's loss is
    logsumexp(logits[i]) - logits[i, target[i]]   (= -log softmax(logits[i])[target[i]])
Write cross_entropy(logits, target, ignore_index=-100), equal to
F.cross_entropy(logits, target, ignore_index=ignore_index): the MEAN over the
samples whose target is not ignore_index (padding, unlabelled data). Ignored
samples count neither in the sum nor in the divisor; if all are ignored the
result is 0 / 0 = nan, as in torch. Logits of +-1000 must work: torch.logsumexp
is stable, exp() then log() is not. Mind that an ignore_index such as -100
or 255 (beyond the last class) is no index you can gather.

Read: torch.logsumexp, torch.gather, torch.where, torch.nn.functional.cross_entropy
"""
import torch


def cross_entropy(logits: torch.Tensor, target: torch.Tensor, ignore_index: int = -100) -> torch.Tensor:
    keep = target != ignore_index
    safe = torch.where(keep, target, 0)  # any valid class; these rows are masked out below
    picked = logits.gather(1, safe.unsqueeze(1)).squeeze(1)
    losses = torch.logsumexp(logits, dim=1) - picked
    return (losses * keep).sum() / keep.sum()


if __name__ == "__main__":
    logits = torch.tensor([[1000.0, -1000.0, 0.0], [2.0, 1.0, 0.1], [0.0, 0.0, 0.0]])
    target = torch.tensor([1, 0, -100])
    print(cross_entropy(logits, target))  # (2000 + 0.417) / 2 = 1000.2085
