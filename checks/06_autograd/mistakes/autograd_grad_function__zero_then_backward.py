import torch


def param_grads(loss_fn, params):
    loss = loss_fn()
    for p in params:
        p.grad = None
    loss.backward()
    return tuple(p.grad.clone() for p in params)
