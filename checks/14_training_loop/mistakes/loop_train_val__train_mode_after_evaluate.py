"""loop_train_val: train an epoch, validate, repeat, and keep the history.

Write fit(model, loss_fn, optimizer, train_loader, val_loader, epochs). Each
epoch: train on train_loader with train_epoch, then measure on val_loader
with evaluate (both written for you below). Return the history, one value
per epoch in each of four lists:
    {"train_loss": [...], "train_acc": [...], "val_loss": [...], "val_acc": [...]}

Careful: this evaluate() switches the model to eval mode and leaves it there,
as much real code does, and train_epoch() does not switch it back. Every
epoch must train in training mode (Dropout on, BatchNorm learning its
statistics).

Read: torch.nn.Module.train, torch.nn.Module.eval
"""
import torch
from torch import nn


def train_epoch(model, loss_fn, optimizer, loader):
    total, correct, seen = 0.0, 0, 0
    for x, y in loader:
        optimizer.zero_grad()
        out = model(x)
        loss = loss_fn(out, y)
        loss.backward()
        optimizer.step()
        total += loss.item() * len(y)
        correct += (out.argmax(1) == y).sum().item()
        seen += len(y)
    return total / seen, correct / seen


def evaluate(model, loader, loss_fn):
    model.eval()
    total, correct, seen = 0.0, 0, 0
    with torch.no_grad():
        for x, y in loader:
            out = model(x)
            total += loss_fn(out, y).item() * len(y)
            correct += (out.argmax(1) == y).sum().item()
            seen += len(y)
    return total / seen, correct / seen


def fit(model, loss_fn, optimizer, train_loader, val_loader, epochs):
    history = {"train_loss": [], "train_acc": [], "val_loss": [], "val_acc": []}
    for _ in range(epochs):
        train_loss, train_acc = train_epoch(model, loss_fn, optimizer, train_loader)
        val_loss, val_acc = evaluate(model, val_loader, loss_fn)
        model.train()
        history["train_loss"].append(train_loss)
        history["train_acc"].append(train_acc)
        history["val_loss"].append(val_loss)
        history["val_acc"].append(val_acc)
    return history


if __name__ == "__main__":
    from dlings import data

    torch.manual_seed(0)
    train_set, val_set = data.moons(200, seed=0), data.moons(100, split="val", seed=0)
    model = nn.Sequential(nn.Linear(2, 32), nn.BatchNorm1d(32), nn.ReLU(), nn.Dropout(0.3), nn.Linear(32, 2))
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-2)
    train_loader = torch.utils.data.DataLoader(train_set, batch_size=32, shuffle=True)
    val_loader = torch.utils.data.DataLoader(val_set, batch_size=50)
    history = fit(model, nn.CrossEntropyLoss(), optimizer, train_loader, val_loader, 5)
    for key, values in history.items():
        print(key, [round(v, 3) for v in values])
