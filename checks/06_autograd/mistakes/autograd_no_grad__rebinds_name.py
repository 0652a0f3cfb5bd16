import torch


def sgd_step(params, lr):
    for p in params:
        with torch.no_grad():
            p = p - lr * p.grad
        p.grad = None
