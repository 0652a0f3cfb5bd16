"""math_bincount: counting with torch.bincount (a confusion matrix).

torch.bincount(v) counts how often each value 0, 1, 2, ... appears in a 1-D
int64 tensor v: the result has length max(v) + 1, or `minlength` if that is
larger. Without minlength, classes absent from v go missing at the END.

Write confusion_matrix(target, pred, num_classes): target and pred are int64
tensors of shape (N,) (N may be 0) with values in [0, num_classes). Return an
int64 tensor cm of shape (num_classes, num_classes) in which cm[i, j] counts
the samples of true class i predicted as class j (rows: truth, columns:
prediction). Turn each (target, pred) pair into ONE number first (the reverse
of tensors_int_division's row = idx // width, col = idx % width). No loops.

Read: torch.bincount (minlength), torch.Tensor.view
"""
import torch


def confusion_matrix(target, pred, num_classes):
    flat = target * num_classes + pred
    counts = torch.bincount(flat, minlength=num_classes * num_classes)
    return counts.view(num_classes, num_classes)


if __name__ == "__main__":
    target = torch.tensor([0, 0, 1, 2, 2, 2])
    pred = torch.tensor([0, 1, 1, 2, 0, 2])
    print(confusion_matrix(target, pred, 4))  # rows: [1, 1, 0, 0], [0, 1, 0, 0], [1, 0, 2, 0], [0, 0, 0, 0]
