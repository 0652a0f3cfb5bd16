import torch


def grads_per_batch(w, batches):
    grads = []
    for x, y in batches:
        loss = ((x @ w - y) ** 2).mean()
        loss.backward()
        grads.append(w.grad)
        w.grad.zero_()
    return grads
