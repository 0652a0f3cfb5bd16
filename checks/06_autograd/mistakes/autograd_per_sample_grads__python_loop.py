import torch
from torch.func import grad, vmap


def loss_one(w, x, y):
    return ((torch.tanh(x @ w) - y) ** 2).sum()


def per_sample_grads(w, xs, ys):
    return torch.stack([grad(loss_one)(w, x, y) for x, y in zip(xs, ys)])
