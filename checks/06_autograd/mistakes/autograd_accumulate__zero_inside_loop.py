import torch


def accumulated_grad(w, x, y, micro_batch):
    for xb, yb in zip(x.split(micro_batch), y.split(micro_batch)):
        w.grad = None
        loss = ((xb @ w - yb) ** 2).sum() / len(x)
        loss.backward()
    return w.grad
