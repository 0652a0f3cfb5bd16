import torch
import torch.nn.functional as F


def mse_loss(X, y, w, b):
    return F.mse_loss(X @ w + b, y.squeeze(1))
