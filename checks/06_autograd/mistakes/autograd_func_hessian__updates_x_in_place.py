import torch
from torch.func import grad, hessian
def newton_step(f, x):
    x -= torch.linalg.solve(hessian(f)(x), grad(f)(x))
    return x
