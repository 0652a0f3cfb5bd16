import math

import torch

LR_TOO_SMALL = 0.001
LR_GOOD = 0.05
LR_TOO_LARGE = 0.2


def classify(losses):
    if not all(math.isfinite(v) for v in losses) or losses[-1] > losses[0]:
        return "diverged"
    if losses[-1] <= 0.01 * losses[0]:
        return "converged"
    return "crawling"


def run(lr, steps=40):
    g = torch.Generator().manual_seed(0)
    X = torch.randn(100, 2, generator=g) * torch.tensor([1.0, 3.0])
    y = X @ torch.tensor([1.5, -0.5]) + 1.0
    w, b = torch.zeros(2, requires_grad=True), torch.zeros((), requires_grad=True)
    losses = []
    for _ in range(steps):
        loss = ((X @ w + b - y) ** 2).mean()
        loss.backward()
        with torch.no_grad():
            w -= lr * w.grad
            b -= lr * b.grad
        w.grad = b.grad = None
        losses.append(loss.item())
    return losses
