"""losses_bridge: the everyday training loop.

Before building losses by hand, meet the API you will use every day. A
classifier outputs one raw score (a logit) per class, shape (N, C);
nn.CrossEntropyLoss takes those logits and the class indices (int64, shape
(N,)) and applies the softmax itself, so do NOT softmax first.

Write train(model, X, y, steps, lr): criterion = nn.CrossEntropyLoss(),
optimizer = torch.optim.SGD(model.parameters(), lr=lr), then `steps` times,
on the whole of X at once: zero_grad, logits = model(X), loss =
criterion(logits, y), backward, step. Return the `steps` losses as Python
floats (the loss each step computed, before its update).

Read: torch.nn.CrossEntropyLoss, torch.optim.SGD, torch.optim.Optimizer.zero_grad
"""
import torch
from torch import nn


def train(model: nn.Module, X: torch.Tensor, y: torch.Tensor, steps: int, lr: float) -> list[float]:
    # TODO: the loss function and the optimizer
    criterion = ...
    optimizer = ...
    losses = []
    # TODO: `steps` times: zero_grad, forward, loss, backward, step; append loss.item()
    ...
    return losses


if __name__ == "__main__":
    torch.manual_seed(0)
    X = torch.randn(300, 2)
    y = (X[:, 0] > 0).long() + (X[:, 1] > 0).long()  # three classes: 0, 1, 2
    model = nn.Sequential(nn.Linear(2, 16), nn.ReLU(), nn.Linear(16, 3))
    losses = train(model, X, y, steps=100, lr=0.5)
    print(f"loss {losses[0]:.3f} -> {losses[-1]:.3f}")
    print("accuracy", (model(X).argmax(dim=1) == y).float().mean().item())
