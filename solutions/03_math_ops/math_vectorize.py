"""math_vectorize: replace a double Python loop with one tensor expression.

`auc_loop` below measures how well scores rank positives above negatives
(the ROC AUC): over every pair (positive i, negative j) it scores 1 when
scores[i] > scores[j], 0.5 on a tie, 0 otherwise, and averages. It is
correct, and slow: Python visits each pair one by one.

Write `auc(scores, labels)` with the same result and no Python loop: pick
the positive and negative scores with boolean masks, compare every pair at
once by broadcasting (a column against a row), and average. The check
forbids loops and comprehensions in `auc`, and times it against a loop
baseline with torch.utils.benchmark: it must be at least 20x faster
(one tensor expression is usually several hundred times faster).

Read: boolean mask indexing, broadcasting, torch.Tensor.float, torch.Tensor.mean
"""
import torch


def auc_loop(scores: torch.Tensor, labels: torch.Tensor) -> float:
    total, pairs = 0.0, 0
    for i in range(len(scores)):
        for j in range(len(scores)):
            if labels[i] == 1 and labels[j] == 0:
                pairs += 1
                if scores[i] > scores[j]:
                    total += 1.0
                elif scores[i] == scores[j]:
                    total += 0.5
    return total / pairs


def auc(scores: torch.Tensor, labels: torch.Tensor) -> float:
    pos = scores[labels == 1]
    neg = scores[labels == 0]
    wins = (pos[:, None] > neg[None, :]).float() + 0.5 * (pos[:, None] == neg[None, :]).float()
    return wins.mean().item()


if __name__ == "__main__":
    s = torch.tensor([0.9, 0.3, 0.6, 0.6, 0.1])
    y = torch.tensor([1, 0, 1, 0, 0])
    print(auc_loop(s, y), auc(s, y))  # 0.916..., twice
