import torch


def vjp(f, x, v):
    x = x.detach().clone().requires_grad_(True)
    y = f(x)
    y.sum().backward()
    return x.grad
