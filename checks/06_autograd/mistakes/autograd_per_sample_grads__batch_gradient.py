import torch
from torch.func import grad, vmap


def loss_one(w, x, y):
    return ((torch.tanh(x @ w) - y) ** 2).sum()


def per_sample_grads(w, xs, ys):
    g = grad(lambda w: ((torch.tanh(xs @ w) - ys) ** 2).sum())(w)
    return g.expand(len(xs), *w.shape)
