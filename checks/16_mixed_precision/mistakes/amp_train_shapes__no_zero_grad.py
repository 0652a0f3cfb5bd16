"""amp_train_shapes: a whole training run in mixed precision, as accurate as float32.

Put the pieces together: a CNN trained on the `shapes` images with bfloat16
autocast reaches the same test accuracy as in float32 (on a GPU it would
also be faster; on this CPU it is about correctness, not speed). No
GradScaler: bfloat16 does not need one.

Write `fit(model, train, epochs)`: train the model in place with
torch.optim.Adam(model.parameters(), lr=1e-2), for `epochs` epochs of
train.batches(64, seed=epoch) (epoch = 0, 1, ...), the model in train mode,
each step's forward and cross-entropy loss under bfloat16 autocast on the
CPU. Return the list of each epoch's mean training loss (Python floats).
The model's weights stay float32.

Read: torch.autocast, dlings.data (Split.batches)
"""
import torch
import torch.nn.functional as F
from torch import nn


def fit(model: nn.Module, train, epochs: int) -> list[float]:
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-2)
    losses = []
    for epoch in range(epochs):
        model.train()
        total, count = 0.0, 0
        for xb, yb in train.batches(64, seed=epoch):
            with torch.autocast("cpu", dtype=torch.bfloat16):
                loss = F.cross_entropy(model(xb), yb)
            loss.backward()
            optimizer.step()
            total, count = total + loss.item(), count + 1
        losses.append(total / count)
    return losses


if __name__ == "__main__":
    from dlings import data
    train = data.shapes(2000, size=16, classes=4, seed=0)
    model = nn.Sequential(nn.Conv2d(3, 16, 3, padding=1), nn.ReLU(), nn.AdaptiveMaxPool2d(1), nn.Flatten(),
                          nn.Linear(16, 4))
    print(fit(model, train, epochs=2))
