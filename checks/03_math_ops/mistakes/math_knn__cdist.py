import torch
import torch.nn.functional as F


def knn_predict(train_x, train_y, test_x, k: int, num_classes: int) -> torch.Tensor:
    nearest = torch.cdist(test_x, train_x).topk(k, dim=1, largest=False).indices
    return F.one_hot(train_y[nearest], num_classes).sum(dim=1).argmax(dim=1)
