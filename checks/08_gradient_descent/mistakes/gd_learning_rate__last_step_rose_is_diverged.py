"""gd_learning_rate: too small crawls, too large explodes.

run(lr) below trains linear regression for 40 steps and returns the losses.
Run this file and try learning rates (1.0, 0.1, 0.001, ...): watch the loss.
1. Set LR_TOO_SMALL (still learning, but after 40 steps the loss has not
   dropped below 1% of the start), LR_GOOD (below 1% of the start) and
   LR_TOO_LARGE (the loss grows, or turns inf/nan).
2. Write classify(losses): "diverged" if any loss is inf or nan, or the last
   is above the first; "converged" if the last is below 1% of the first;
   "crawling" otherwise. (nan compares False with everything: math.isfinite.)

Read: torch.no_grad; "gradient descent step size" in any optimisation notes
"""
import math

import torch

LR_TOO_SMALL = 0.001
LR_GOOD = 0.05
LR_TOO_LARGE = 0.2


def classify(losses):
    if not all(math.isfinite(v) for v in losses) or losses[-1] > losses[-2]:
        return "diverged"
    if losses[-1] < 0.01 * losses[0]:
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


if __name__ == "__main__":
    for lr in [1.0, 0.1, 0.01, 0.001]:
        losses = run(lr)
        print(f"lr={lr:<6} loss {losses[0]:.3g} -> {losses[-1]:.3g}")
