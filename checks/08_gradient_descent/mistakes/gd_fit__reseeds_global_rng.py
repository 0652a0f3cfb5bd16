import torch

def fit(X, y, loss_fn, lr, epochs, batch_size, seed):
    n, d = X.shape
    w = torch.zeros(d, requires_grad=True)
    b = torch.zeros((), requires_grad=True)
    torch.manual_seed(seed)
    for epoch in range(epochs):
        pass
        perm = torch.randperm(n)
        for start in range(0, n, batch_size):
            idx = perm[start:start + batch_size]
            loss = loss_fn(X[idx] @ w + b, y[idx])
            loss.backward()
            with torch.no_grad():
                w -= lr * w.grad
                b -= lr * b.grad
            w.grad = None; b.grad = None
    return w, b
