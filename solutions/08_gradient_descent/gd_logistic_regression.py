"""gd_logistic_regression: a classifier from scratch.

X (N, 2) holds points of two classes, y (N,) their labels 0. or 1. The
model says "class 1" when X @ w + b > 0. Train it with gradient descent:
start from w = zeros(2), b = zeros(()) (both requiring grad), and repeat:
logits = X @ w + b; loss = the stable BCE of gd_bce_loss; backward; update
under torch.no_grad(); clear the grads. Pick lr and the number of steps
yourself (try lr 0.5, a few hundred steps). Return (w, b).
The check measures accuracy on fresh points: at least 95%. The classes are
not centred on the origin, so the bias matters. No torch.nn, no torch.optim,
no `.data` (the check looks).

Read: torch.logaddexp, torch.no_grad
"""
import torch


def train_logistic(X, y):
    w = torch.zeros(2, requires_grad=True)
    b = torch.zeros((), requires_grad=True)
    for _ in range(300):
        z = X @ w + b
        loss = (torch.logaddexp(torch.zeros_like(z), z) - y * z).mean()
        loss.backward()
        with torch.no_grad():
            w -= 0.5 * w.grad
            b -= 0.5 * b.grad
        w.grad = None
        b.grad = None
    return w, b


if __name__ == "__main__":
    y = (torch.rand(200) < 0.5).float()
    X = torch.where(y[:, None] > 0, torch.tensor([4.0, 5.0]), torch.tensor([2.0, 3.0])) + 0.6 * torch.randn(200, 2)
    w, b = train_logistic(X, y)
    print("train accuracy:", (((X @ w + b) > 0).float() == y).float().mean().item())
