"""math_knn: a k-nearest-neighbour classifier in a few tensor ops.

Everything from this track at once. `knn_predict(train_x, train_y, test_x,
k, num_classes)`: train_x (N, D) float, train_y (N,) int64 labels in
[0, num_classes), test_x (M, D). For each test point, find the k training
points closest to it (Euclidean distance) and return the label most of them
have, shape (M,), int64. Ties between labels go to the smallest label.

1. distances (M, N) by broadcasting or ||a||^2 - 2 a.b + ||b||^2 (torch.cdist is
   not allowed here; squared distances rank the same as distances)
2. the k smallest per row: torch.topk(..., largest=False)
3. their labels, then votes per class (M, num_classes), then argmax
   (argmax returns the first maximum: the smallest label wins ties)

No Python loops (for/while/comprehensions) in knn_predict.

Read: torch.topk, torch.nn.functional.one_hot, torch.Tensor.scatter_add_, torch.argmax
"""
import torch
import torch.nn.functional as F


def knn_predict(train_x, train_y, test_x, k: int, num_classes: int) -> torch.Tensor:
    d2 = (test_x[:, None, :] - train_x[None, :, :]).pow(2).sum(dim=-1)
    nearest = d2.topk(k, dim=1, largest=False).indices
    votes = F.one_hot(train_y[nearest], num_classes).sum(dim=1)
    return votes.argmax(dim=1)


if __name__ == "__main__":
    train_x = torch.tensor([[0.0, 0.0], [0.0, 1.0], [5.0, 5.0], [6.0, 5.0]])
    train_y = torch.tensor([0, 0, 1, 1])
    print(knn_predict(train_x, train_y, torch.tensor([[0.2, 0.3], [5.5, 4.0]]), k=2, num_classes=2))  # [0, 1]
