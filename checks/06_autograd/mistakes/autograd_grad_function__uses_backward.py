import torch


def param_grads(loss_fn, params):
    loss = loss_fn()
    loss.backward()
    return tuple(p.grad for p in params)
