import torch
def param_grads(loss_fn, params):
    loss = loss_fn()
    return list(torch.autograd.grad(loss, params, allow_unused=True, materialize_grads=True))
