import torch
from torch.func import grad, hessian


def newton_step(f, x):
    g = grad(f)(x)
    h = hessian(f)(x)
    return x - h @ g
