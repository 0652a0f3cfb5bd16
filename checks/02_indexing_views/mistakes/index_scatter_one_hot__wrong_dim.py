import torch


def to_one_hot(labels, num_classes):
    out = torch.zeros(labels.shape[0], num_classes)
    return out.scatter_(0, labels.unsqueeze(1), 1.0)
