import torch


def nan_culprit(f, x):
    x = x.detach().clone().requires_grad_(True)
    y = f(x)
    y.backward()
    if torch.isnan(x.grad).any():
        return type(y.grad_fn).__name__
