"""reg_binary_metrics: scoring a classifier when positives are rare.

On a set with 5 % positives, predicting "negative" everywhere scores 95 %
accuracy and finds nothing. Write binary_report(scores, target, threshold=0.5):
scores are float probabilities, target holds 0/1 labels (any shape, same as
scores); a sample is predicted positive when its score is >= threshold.
From the counts TP, FP, FN, TN return a dict of Python floats:
  "accuracy"  (TP + TN) / all        "precision"  TP / (TP + FP)
  "recall"    TP / (TP + FN)         "f1"  2 * precision * recall / (precision + recall)
  "balanced_accuracy"  (recall + TN / (TN + FP)) / 2, the mean of the two classes' recalls
Any ratio whose denominator is 0 counts as 0.0 (scikit-learn's zero_division=0).

Read: torch.Tensor.sum, torch.Tensor.item, sklearn.metrics.precision_recall_fscore_support (definitions)
"""
import torch


def binary_report(scores: torch.Tensor, target: torch.Tensor, threshold: float = 0.5) -> dict[str, float]:
    # TODO: predictions, the four counts, then the five metrics (0.0 when a denominator is 0)
    ...

if __name__ == "__main__":
    target = torch.zeros(100)
    target[:5] = 1
    print(binary_report(torch.zeros(100), target))          # the lazy model: accuracy 0.95, balanced 0.5
    print(binary_report(torch.linspace(1, 0, 100), target, threshold=0.9))
