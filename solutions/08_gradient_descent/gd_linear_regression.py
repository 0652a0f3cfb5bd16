"""gd_linear_regression: the whole loop, with autograd and nothing else.

Write train_linear(X, y, w, b, lr, steps): repeat `steps` times
    1. loss = mean((X @ w + b - y) ** 2)      (X (N, D), w (D,), b (), y (N,))
    2. loss.backward()
    3. under torch.no_grad(): w -= lr * w.grad, b -= lr * b.grad
    4. clear both gradients
w and b (leaves with requires_grad=True) are trained in place. Return the
list of the `steps` loss values as Python floats (loss.item()).
No torch.nn, no torch.optim, no `.data` (the check looks, and also blocks
torch.nn and torch.optim at run time); the check compares your w and b with
torch.optim.SGD's, step by step.

Read: torch.Tensor.backward, torch.no_grad
"""
import torch


def train_linear(X, y, w, b, lr, steps):
    losses = []
    for _ in range(steps):
        loss = ((X @ w + b - y) ** 2).mean()
        loss.backward()
        with torch.no_grad():
            w -= lr * w.grad
            b -= lr * b.grad
        w.grad = None
        b.grad = None
        losses.append(loss.item())
    return losses


if __name__ == "__main__":
    X = torch.randn(100, 3)
    y = X @ torch.tensor([2.0, -1.0, 0.5]) + 3.0
    w, b = torch.zeros(3, requires_grad=True), torch.zeros((), requires_grad=True)
    losses = train_linear(X, y, w, b, lr=0.1, steps=100)
    print("loss", losses[0], "->", losses[-1], "w", w.detach(), "b", b.item())
