"""gd_mse_loss: a model and its loss, as a graph.

Linear regression predicts X @ w + b. Its mean squared error is one number,
and autograd can differentiate it with respect to w and b.
Shapes: X (N, D), w (D,), b a scalar tensor (shape ()), y (N, 1): the targets
come as a column, as data often does. Write mse_loss(X, y, w, b): return the
mean of (prediction - target)^2 over the N samples, as a 0-dim tensor that
is still connected to w and b (no .item()). Watch the shapes: (N,) - (N, 1)
broadcasts to (N, N).
No torch.nn, no torch.optim in this track (the check looks).

Read: torch.matmul, broadcasting semantics, torch.Tensor.mean
"""
import torch


def mse_loss(X, y, w, b):
    # TODO
    ...


if __name__ == "__main__":
    X, y = torch.randn(5, 3), torch.randn(5, 1)
    w, b = torch.zeros(3, requires_grad=True), torch.zeros((), requires_grad=True)
    loss = mse_loss(X, y, w, b)
    loss.backward()
    print("loss", loss, "w.grad", w.grad)
