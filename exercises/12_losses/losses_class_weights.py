"""losses_class_weights: making rare classes count.

When 95 % of the samples are class 0, a classifier looks good by nearly
always answering 0. Class weights make mistakes on rare classes cost more.

Write balanced_weights(target, num_classes): w[c] = N / (num_classes * count_c)
(scikit-learn's "balanced"), float32, shape (num_classes,); a class with no
samples gets weight 0, not inf.
Write weighted_cross_entropy(logits, target, weight), equal to
F.cross_entropy(logits, target, weight=weight): each sample's loss times the
weight of its TARGET class, summed, then divided by the sum of those same
weights (not by N). torch.log_softmax is fine; torch's losses are not.

Read: torch.bincount (minlength), torch.nn.functional.cross_entropy (weight)
"""
import torch


def balanced_weights(target: torch.Tensor, num_classes: int) -> torch.Tensor:
    # TODO: count each class (every class, even absent ones), then N / (num_classes * count); 0 where count is 0
    ...


def weighted_cross_entropy(logits: torch.Tensor, target: torch.Tensor, weight: torch.Tensor) -> torch.Tensor:
    # TODO: per-sample losses, each sample's weight weight[target], the weighted mean
    ...


if __name__ == "__main__":
    target = torch.tensor([0, 0, 0, 0, 0, 0, 1, 1, 0, 0])
    w = balanced_weights(target, 3)
    print(w)  # [0.4167, 1.6667, 0.0]
    print(weighted_cross_entropy(torch.randn(10, 3), target, w))
