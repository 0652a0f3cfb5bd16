import torch
from torch import nn


def train(model: nn.Module, X: torch.Tensor, y: torch.Tensor, steps: int, lr: float) -> list[float]:
    criterion = nn.CrossEntropyLoss()
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    losses = []
    for _ in range(steps):
        optimizer.zero_grad()
        loss = criterion(model(X), y)
        optimizer.step()
        loss.backward()
        losses.append(loss.item())
    return losses
