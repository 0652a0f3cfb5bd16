import torch


def minibatch_epoch(X, y, w, b, lr, batch_size, gen):
    perm = torch.randperm(X.shape[0], generator=gen)
    steps = 0
    for start in range(0, X.shape[0] - batch_size + 1, batch_size):
        idx = perm[start:start + batch_size]
        loss = ((X[idx] @ w + b - y[idx]) ** 2).mean()
        loss.backward()
        with torch.no_grad():
            w -= lr * w.grad
            b -= lr * b.grad
        w.grad = None
        b.grad = None
        steps += 1
    return steps
