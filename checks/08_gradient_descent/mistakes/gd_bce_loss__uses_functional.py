import torch
import torch.nn.functional as F


def bce_with_logits(z, y):
    return F.binary_cross_entropy_with_logits(z, y)
