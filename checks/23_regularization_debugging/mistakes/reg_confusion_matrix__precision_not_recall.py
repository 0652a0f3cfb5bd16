"""reg_confusion_matrix: where a multi-class model goes wrong, class by class.

1. confusion_matrix(pred, target, num_classes): an int64 tensor (C, C) where
   entry [i, j] counts the samples of TRUE class i that were PREDICTED as j
   (rows: truth, columns: prediction, as in scikit-learn). pred and target are
   1-D int64 class ids; a class may be missing from both, its row and column
   are then zeros.
2. balanced_accuracy(cm): from such a matrix, the mean over classes of each
   class's recall cm[k, k] / (row k's total), as a Python float. A class with
   no true samples (an all-zero row) is left out of the mean.
On an imbalanced set a model that always answers the biggest class gets a
high accuracy but a balanced accuracy of 1 / C.

Read: torch.bincount (minlength), torch.diagonal, torch.Tensor.sum (dim)
"""
import torch


def confusion_matrix(pred: torch.Tensor, target: torch.Tensor, num_classes: int) -> torch.Tensor:
    flat = target * num_classes + pred
    return torch.bincount(flat, minlength=num_classes * num_classes).reshape(num_classes, num_classes)


def balanced_accuracy(cm: torch.Tensor) -> float:
    support = cm.sum(dim=0)
    present = support > 0
    recall = cm.diagonal()[present].double() / support[present]
    return recall.mean().item()


if __name__ == "__main__":
    target = torch.tensor([0] * 8 + [1] * 3 + [2])
    lazy = torch.zeros_like(target)
    cm = confusion_matrix(lazy, target, 4)
    print(cm)
    print("accuracy", (lazy == target).float().mean().item(), "balanced", balanced_accuracy(cm))
