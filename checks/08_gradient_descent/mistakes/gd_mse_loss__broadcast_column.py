import torch


def mse_loss(X, y, w, b):
    pred = X @ w + b
    return ((pred - y) ** 2).mean()
