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
    # TODO: count each (true, predicted) pair: one index per pair, torch.bincount, reshape
    raise NotImplementedError


def per_class_accuracy(cm: torch.Tensor) -> torch.Tensor:
    # TODO: the diagonal over the row sums
    raise NotImplementedError


def evaluate(model: nn.Module, x: torch.Tensor, y: torch.Tensor, num_classes: int) -> torch.Tensor:
    # TODO: eval mode, no gradients, argmax, then confusion_matrix
    raise NotImplementedError


if __name__ == "__main__":
    cm = confusion_matrix(torch.tensor([0, 1, 1, 2]), torch.tensor([0, 1, 2, 2]), 4)
    print(cm)
    print(per_class_accuracy(cm))
