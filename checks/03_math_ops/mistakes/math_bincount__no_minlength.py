import torch
import torch.nn.functional as F


def confusion_matrix(target, pred, num_classes):
    return torch.bincount(target * num_classes + pred).view(num_classes, num_classes)
