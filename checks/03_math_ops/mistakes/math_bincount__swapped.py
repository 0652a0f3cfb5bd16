import torch
import torch.nn.functional as F


def confusion_matrix(target, pred, num_classes):
    counts = torch.bincount(pred * num_classes + target, minlength=num_classes * num_classes)
    return counts.view(num_classes, num_classes)
