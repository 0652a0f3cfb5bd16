import torch


def param_grads(loss_fn, params):
    loss = loss_fn()
    return torch.autograd.grad(loss, params)
