import torch


def to_one_hot(labels, num_classes):
    return torch.nn.functional.one_hot(labels, num_classes).float()


if __name__ == "__main__":
    print(to_one_hot(torch.tensor([2, 0, 1]), 4))
