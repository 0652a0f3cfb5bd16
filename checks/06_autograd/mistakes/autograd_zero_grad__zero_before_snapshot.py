import torch


def grads_per_batch(w, batches):
    grads = []
    for x, y in batches:
        loss = ((x @ w - y) ** 2).mean()
        loss.backward()
        w.grad.zero_()
        grads.append(w.grad.clone())
    return grads
