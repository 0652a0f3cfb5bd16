import torch
from torch.nn.functional import mse_loss as F_mse


def mse_loss(X, y, w, b):
    return F_mse(X @ w + b, y.squeeze(1))
