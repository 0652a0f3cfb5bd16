"""cnn_confusion: where a classifier goes wrong, class by class.

- `confusion_matrix(preds, targets, num_classes)`: preds and targets are int64
  (N,) class indices; return an int64 (num_classes, num_classes) tensor whose
  entry [i, j] counts the samples of TRUE class i that were PREDICTED as j
  (rows: truth, columns: prediction). Every class gets a row and a column, even
  one that never occurs. No Python loops.
- `per_class_accuracy(cm)`: float32 (num_classes,), entry i the fraction of
  class i's samples predicted correctly (the diagonal over the row sum); nan for
  a class with no samples.
- `evaluate(model, x, y, num_classes)`: the confusion matrix of the model's
  predictions (argmax of its logits) on x, computed in eval mode without
  recording gradients.

Read: torch.bincount, torch.diagonal, torch.nn.Module.eval, torch.no_grad
"""
import torch
from torch import nn


def confusion_matrix(preds: torch.Tensor, targets: torch.Tensor, num_classes: int) -> torch.Tensor:
    counts = torch.bincount(targets * num_classes + preds, minlength=num_classes * num_classes)
    return counts.reshape(num_classes, num_classes)


def per_class_accuracy(cm: torch.Tensor) -> torch.Tensor:
    return cm.diagonal().float() / cm.sum(dim=1).float()


def evaluate(model: nn.Module, x: torch.Tensor, y: torch.Tensor, num_classes: int) -> torch.Tensor:
    model.eval()
    preds = model(x).argmax(dim=1)
    return confusion_matrix(preds, y, num_classes)


if __name__ == "__main__":
    cm = confusion_matrix(torch.tensor([0, 1, 1, 2]), torch.tensor([0, 1, 2, 2]), 4)
    print(cm)
    print(per_class_accuracy(cm))
