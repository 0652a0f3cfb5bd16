import torch


def knn_predict(train_x, train_y, test_x, k: int, num_classes: int) -> torch.Tensor:
    out = []
    for point in test_x:
        d = ((train_x - point) ** 2).sum(dim=1)
        nearest = d.topk(k, largest=False).indices
        out.append(torch.bincount(train_y[nearest], minlength=num_classes).argmax())
    return torch.stack(out)
