import torch
from torch import nn


def train(model: nn.Module, X: torch.Tensor, y: torch.Tensor, steps: int, lr: float) -> list[float]:
    criterion = nn.CrossEntropyLoss()
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    losses = []
    for _ in range(steps):
        optimizer.zero_grad()
        loss = criterion(torch.softmax(model(X), dim=1), y)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses
