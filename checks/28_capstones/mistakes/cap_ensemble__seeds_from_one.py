"""cap_ensemble: several models vote better than the best of them.

Models trained from different random starts make partly different mistakes;
averaging their predicted probabilities cancels some of them. Write:
- train_ensemble(train_split, k): k members; member i (i = 0 .. k-1) is
  built with make_model() right after torch.manual_seed(i), then trained
  with train(model, train_split, seed=i) (both given). Return the k models.
- ensemble_predict(models, x): the MEAN of the members' softmax
  probabilities, (N, num_classes), each member in eval mode, without
  recording gradients. (Average probabilities, not logits or votes.)
The check trains 5 members on 2,000 shapes and measures on 1,000 test
images: the ensemble's accuracy must beat its best member's.

Read: torch.softmax, torch.stack, torch.Tensor.mean, torch.nn.Module.eval
"""
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
        torch.manual_seed(i + 1)
        models.append(train(make_model(), train_split, seed=i))
    return models


def ensemble_predict(models, x: torch.Tensor) -> torch.Tensor:
    with torch.no_grad():
        probs = [torch.softmax(m.eval()(x), dim=1) for m in models]
    return torch.stack(probs).mean(dim=0)


if __name__ == "__main__":
    from dlings import data
    train_split, test = data.shapes(2000, classes=6, seed=0), data.shapes(1000, classes=6, split="test", seed=0)
    models = train_ensemble(train_split, 3)
    for m in models:
        print("member", (ensemble_predict([m], test.x).argmax(1) == test.y).float().mean().item())
    print("ensemble", (ensemble_predict(models, test.x).argmax(1) == test.y).float().mean().item())
