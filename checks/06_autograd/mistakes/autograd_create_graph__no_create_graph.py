import torch


def second_derivative(f, x):
    x = x.detach().clone().requires_grad_(True)
    y = f(x)
    (d1,) = torch.autograd.grad(y.sum(), x)
    (d2,) = torch.autograd.grad(d1.sum(), x)
    return d2
