import torch


def to_one_hot(labels, num_classes):
    out = torch.zeros(labels.shape[0], int(labels.max()) + 1)
    return out.scatter_(1, labels.unsqueeze(1), 1.0)


if __name__ == "__main__":
    print(to_one_hot(torch.tensor([2, 0, 1]), 4))
