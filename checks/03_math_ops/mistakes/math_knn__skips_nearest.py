import torch
import torch.nn.functional as F


def knn_predict(train_x, train_y, test_x, k: int, num_classes: int) -> torch.Tensor:
    d2 = (test_x[:, None, :] - train_x[None, :, :]).pow(2).sum(dim=-1)
    nearest = d2.argsort(dim=1)[:, 1:k + 1]
    votes = F.one_hot(train_y[nearest], num_classes).sum(dim=1)
    return votes.argmax(dim=1)
