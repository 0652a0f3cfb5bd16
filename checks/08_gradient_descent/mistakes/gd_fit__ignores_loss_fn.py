import torch


def fit(X, y, loss_fn, lr, epochs, batch_size, seed):
    n, d = X.shape
    w = torch.zeros(d, requires_grad=True)
    b = torch.zeros((), requires_grad=True)
    gen = torch.Generator().manual_seed(seed)
    for _ in range(epochs):
        perm = torch.randperm(n, generator=gen)
        for start in range(0, n, batch_size):
            idx = perm[start:start + batch_size]
            loss = ((X[idx] @ w + b - y[idx]) ** 2).mean()
            loss.backward()
            with torch.no_grad():
                w -= lr * w.grad
                b -= lr * b.grad
            w.grad = None
            b.grad = None
    return w, b
