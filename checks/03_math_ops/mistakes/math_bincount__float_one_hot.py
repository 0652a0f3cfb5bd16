import torch
import torch.nn.functional as F


def confusion_matrix(target, pred, num_classes):
    return F.one_hot(target, num_classes).float().T @ F.one_hot(pred, num_classes).float()
