import torch


def to_one_hot(labels, num_classes):
    out = torch.zeros(labels.shape[0], num_classes, dtype=torch.long)
    return out.scatter_(1, labels.unsqueeze(1), 1)


if __name__ == "__main__":
    print(to_one_hot(torch.tensor([2, 0, 1]), 4))
