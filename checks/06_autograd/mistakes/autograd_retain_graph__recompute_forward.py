import torch


def two_loss_grads(w, x):
    h = torch.tanh(x @ w)
    h.sum().backward()
    grad_a = w.grad.clone()
    w.grad = None
    h = torch.tanh(x @ w)
    (h ** 2).mean().backward()
    return grad_a, w.grad
