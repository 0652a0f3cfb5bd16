"""math_topk: the k best scores of each row, and top-k accuracy.

`logits` is (batch, classes), `labels` is (batch,) int64. A row counts as
correct under top-k accuracy when its label is among the k classes with the
highest scores. Return that fraction as a Python float.

torch.topk(x, k, dim=...) returns (values, indices) of the k largest along
dim. Then ask, for each row, whether the label appears among those indices:
compare with broadcasting (labels needs a dimension of size 1) and use
.any(dim=...).

Read: torch.topk, torch.Tensor.any, torch.Tensor.unsqueeze
"""
import torch


def topk_accuracy(logits: torch.Tensor, labels: torch.Tensor, k: int) -> float:
    # TODO: indices of the k highest scores per row; is the label among them?
    raise NotImplementedError


if __name__ == "__main__":
    logits = torch.tensor([[0.1, 0.5, 0.4], [0.9, 0.02, 0.08]])
    labels = torch.tensor([2, 1])
    print(topk_accuracy(logits, labels, 1), topk_accuracy(logits, labels, 2))  # 0.0 0.5
