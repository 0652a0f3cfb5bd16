"""loop_fit: the whole track in one function, on images, to an accuracy bar.

Write fit(model, train_set, val_set, log) and return the trained model. The
model (from build_model below) sorts 16x16 RGB images of 6 shapes;
train_set and val_set are dlings.data Splits (.x, .y, .batches(...)).
  - Each epoch: model.train(), one step per batch of a fresh shuffle
    (train_set.batches(64, seed=epoch), or a DataLoader), then the accuracy
    on val_set in eval mode, under torch.no_grad().
  - Adam with lr 3e-3 and nn.CrossEntropyLoss() reach the bar in about 6
    epochs (a few seconds).
  - Report as you go: log("loss", loss, step) after every step (step counts
    from 1 over the whole run) and log("val_acc", accuracy, epoch) after every
    epoch (epoch from 1). The check draws your curves from these calls, and
    stops a run that is not learning.
The check measures the returned model on test images it keeps: the bar is 80 %.

Read: your loop_train_val and loop_callbacks; torch.optim.Adam
"""
import torch
from torch import nn


def build_model():
    return nn.Sequential(
        nn.Conv2d(3, 16, 3, padding=1), nn.BatchNorm2d(16), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(16, 32, 3, padding=1), nn.BatchNorm2d(32), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(32, 32, 3, padding=1), nn.ReLU(), nn.AdaptiveMaxPool2d(1), nn.Flatten(),
        nn.Dropout(0.3), nn.Linear(32, 6),
    )


def fit(model, train_set, val_set, log):
    optimizer = torch.optim.Adam(model.parameters(), lr=3e-3)
    loss_fn = nn.CrossEntropyLoss()
    step = 0
    for epoch in range(1, 7):
        model.train()
        for x, y in train_set.batches(64, seed=epoch):
            optimizer.zero_grad()
            loss = loss_fn(model(x), y)
            loss.backward()
            optimizer.step()
            step += 1
            log("loss", loss.item(), step)
        with torch.no_grad():
            accuracy = (model(val_set.x).argmax(dim=1) == val_set.y).float().mean().item()
        log("val_acc", accuracy, epoch)
    return model


if __name__ == "__main__":
    from dlings import data

    torch.manual_seed(0)
    train_set = data.shapes(2000, classes=6, seed=0)
    val_set = data.shapes(500, classes=6, split="val", seed=0)
    fit(build_model(), train_set, val_set,
        lambda name, value, step: print(f"{name} {value:.3f} at {step}") if name == "val_acc" else None)
