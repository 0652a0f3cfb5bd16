import torch
import torch.nn.functional as F
from torch import nn


def make_model() -> nn.Module:
    """A small CNN for 6 classes; the first BatchNorm2d normalises the input."""
    return nn.Sequential(nn.BatchNorm2d(3), nn.Conv2d(3, 8, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                         nn.Conv2d(8, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                         nn.Conv2d(16, 16, 3, padding=1), nn.ReLU(), nn.AdaptiveMaxPool2d(1), nn.Flatten(),
                         nn.Linear(16, 6))


def train(model, split, seed: int, epochs: int = 4):
    """Adam 3e-3, batch 64; `seed` picks the batch order."""
    opt = torch.optim.Adam(model.parameters(), lr=3e-3)
    model.train()
    for epoch in range(epochs):
        for x, y in split.batches(64, seed=seed * 100 + epoch):
            loss = F.cross_entropy(model(x), y)
            opt.zero_grad()
            loss.backward()
            opt.step()
    return model


def train_ensemble(train_split, k: int) -> list:
    models = []
    for i in range(k):
        torch.manual_seed(i)
        models.append(train(make_model(), train_split, seed=i))
    return models


def ensemble_predict(models, x: torch.Tensor) -> torch.Tensor:
    with torch.no_grad():
        probs = []
        for model in models:
            probs.append(torch.softmax(model(x), dim=1))
    return torch.stack(probs).mean(dim=0)

