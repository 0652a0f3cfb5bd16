"""math_argmax: from scores to predicted classes, and accuracy.

`logits` has shape (batch, classes): one row of scores per example.

- `predict(logits)`: the index of the largest score in each row, shape
  (batch,), int64.
- `accuracy(logits, labels)`: the fraction of rows whose prediction equals
  the label (labels: int64, shape (batch,)), as a Python float in [0, 1].

argmax without dim= flattens the whole tensor first. A comparison gives a
bool tensor, and bool tensors have no mean(): convert with .float().

Read: torch.argmax, torch.Tensor.float, torch.Tensor.item
"""
import torch


def predict(logits: torch.Tensor) -> torch.Tensor:
    # TODO: the class with the highest score, for each row
    ...


def accuracy(logits: torch.Tensor, labels: torch.Tensor) -> float:
    # TODO: fraction of correct predictions, as a float
    ...


if __name__ == "__main__":
    logits = torch.tensor([[0.1, 2.0, -1.0], [3.0, 0.0, 0.5]])
    print(predict(logits))                          # tensor([1, 0])
    print(accuracy(logits, torch.tensor([1, 2])))   # 0.5
