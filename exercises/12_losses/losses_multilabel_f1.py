"""losses_multilabel_f1: scoring multi-label predictions, tuning thresholds.

When most labels are off, accuracy flatters; F1 = 2TP / (2TP + FP + FN)
weighs the hits against both kinds of miss. Over L labels, micro-F1 pools the
TP, FP and FN of all labels (frequent labels dominate), macro-F1 is the plain
mean of the L per-label F1 scores (a rare label counts as much as any). An F1
whose 2TP + FP + FN is 0 counts as 0.0, as in scikit-learn.

Write f1_scores(pred, target) -> (micro, macro), two Python floats, for bool
tensors pred and target of shape (N, L).
Write best_thresholds(probs, target, candidates): for each label on its own,
the candidate t whose predictions probs > t give that label the best F1 on
this (validation) data; among equally good ones the smallest t. candidates
is a sorted 1-D tensor; return a tensor (L,) of chosen thresholds.

Read: torch.Tensor.sum (dim), broadcasting, torch.argmax (first maximum)
"""
import torch


def f1_scores(pred: torch.Tensor, target: torch.Tensor) -> tuple[float, float]:
    # TODO: TP, FP, FN per label (sum over the samples); micro pools them, macro averages per-label F1s
    ...


def best_thresholds(probs: torch.Tensor, target: torch.Tensor, candidates: torch.Tensor) -> torch.Tensor:
    # TODO: every candidate's per-label F1; per label, the first candidate with the best F1
    ...

if __name__ == "__main__":
    target = torch.tensor([[1, 0, 0], [1, 1, 0], [0, 0, 0], [1, 0, 1]]).bool()
    pred = torch.tensor([[1, 0, 0], [1, 0, 0], [1, 0, 0], [1, 0, 1]]).bool()
    print(f1_scores(pred, target))  # micro 0.8, macro (0.857 + 0 + 1) / 3 = 0.619
    probs = torch.tensor([[0.9, 0.1, 0.2], [0.8, 0.3, 0.1], [0.6, 0.2, 0.1], [0.7, 0.1, 0.4]])
    print(best_thresholds(probs, target, torch.linspace(0.05, 0.95, 19)))
