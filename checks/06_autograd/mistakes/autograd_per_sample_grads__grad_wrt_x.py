import torch
from torch.func import grad, vmap


def loss_one(w, x, y):
    return ((torch.tanh(x @ w) - y) ** 2).sum()


def per_sample_grads(w, xs, ys):
    return vmap(grad(loss_one, argnums=1), in_dims=(None, 0, 0))(w, xs, ys)
