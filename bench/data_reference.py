"""Reference models on dlings.data sets: what each reaches, and in how many seconds, on one thread.

    python bench/data_reference.py                 # everything, 3 seeds (several minutes)
    python bench/data_reference.py shapes --seeds 5
    python bench/data_reference.py text sentiment sequences

Prints a markdown table (median over seeds, min-max in brackets) for docs/DATA.md, where later
tracks take their bars from. Each row: data set and variant, model, parameters, epochs or steps,
the metric reached on held-out data, and seconds of training (data generation excluded).
"""
from __future__ import annotations

import argparse
import math
import statistics
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

from dlings import data

torch.set_num_threads(1)
ROWS: list[tuple] = []


def params(model: nn.Module) -> int:
    return sum(p.numel() for p in model.parameters())


# ------------------------------------------------------------------ image models

def linear(classes: int, size: int) -> nn.Module:
    return nn.Sequential(nn.Flatten(), nn.Linear(3 * size * size, classes))


def mlp(classes: int, size: int, hidden: int = 64) -> nn.Module:
    return nn.Sequential(nn.Flatten(), nn.Linear(3 * size * size, hidden), nn.ReLU(),
                         nn.Linear(hidden, hidden), nn.ReLU(), nn.Linear(hidden, classes))


def cnn(classes: int, size: int, width: int = 16) -> nn.Module:
    """Two 3x3 conv stages then global average pooling: about 5 k parameters at width 16."""
    return nn.Sequential(
        nn.Conv2d(3, width, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(width, 2 * width, 3, padding=1), nn.ReLU(),
        nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(2 * width, classes))


def cnn3(classes: int, size: int, width: int = 16) -> nn.Module:
    """Three conv stages then global average pooling: about 15 k parameters at width 16."""
    return nn.Sequential(
        nn.Conv2d(3, width, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(width, 2 * width, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(2 * width, 2 * width, 3, padding=1), nn.ReLU(),
        nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(2 * width, classes))


def hflip(x: torch.Tensor, g: torch.Generator) -> torch.Tensor:
    flip = torch.rand(x.shape[0], generator=g) < 0.5
    return torch.where(flip.view(-1, 1, 1, 1), x.flip(-1), x)


def normalise(train, test):
    """Per-channel mean/std of the train images (what transforms.Normalize would use)."""
    mean, std = train.x.mean((0, 2, 3), keepdim=True), train.x.std((0, 2, 3), keepdim=True)
    return (train.x - mean) / std, (test.x - mean) / std


def train_images(model, train, test, *, epochs, lr=3e-3, batch=64, seed=0, augment=None, weights=None,
                 sampler_weights=None):
    torch.manual_seed(seed)
    xtrain, xtest = normalise(train, test)
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    g = torch.Generator().manual_seed(seed)
    start = time.perf_counter()
    n = len(train)
    for epoch in range(epochs):
        model.train()
        if sampler_weights is not None:
            order = torch.multinomial(sampler_weights, n, replacement=True, generator=g)
        else:
            order = torch.randperm(n, generator=g)
        for i in range(0, n, batch):
            idx = order[i:i + batch]
            xb, yb = xtrain[idx], train.y[idx]
            if augment is not None:
                xb = augment(xb, g)
            loss = F.cross_entropy(model(xb), yb, weight=weights)
            opt.zero_grad()
            loss.backward()
            opt.step()
    seconds = time.perf_counter() - start
    model.eval()
    with torch.no_grad():
        pred = model(xtest).argmax(1)
    acc = (pred == test.y).float().mean().item()
    per_class = torch.stack([(pred[test.y == k] == k).float().mean() for k in range(len(test.classes))])
    return acc, per_class.mean().item(), per_class.min().item(), seconds


def shapes_rows(seeds: list[int]) -> None:
    configs = [
        # variant, size, classes, n_train, model name, builder, epochs, extra
        ("plain", 16, 6, 3000, "linear", linear, 8, {}),
        ("plain", 16, 6, 3000, "mlp", mlp, 8, {}),
        ("plain", 16, 6, 3000, "cnn3", cnn3, 8, {}),
        ("shifted", 16, 6, 3000, "mlp", mlp, 8, {}),
        ("shifted", 16, 6, 3000, "mlp+flip", mlp, 8, {"augment": hflip}),
        ("shifted", 16, 6, 3000, "cnn3", cnn3, 8, {}),
        ("plain", 16, 10, 3000, "mlp", mlp, 8, {}),
        ("plain", 16, 10, 3000, "cnn3", cnn3, 8, {}),
    ]
    for variant, size, classes, n, label, build, epochs, extra in configs:
        results = []
        for seed in seeds:
            train = data.shapes(n, variant=variant, size=size, classes=classes, seed=seed)
            test = data.shapes(1000, variant=variant, size=size, classes=classes, split="test", seed=seed)
            torch.manual_seed(seed)
            model = build(classes, size)
            results.append(train_images(model, train, test, epochs=epochs, seed=seed, **extra))
        add_row(f"shapes {variant} {size}px {classes} cl, {n} train", label, params(model), f"{epochs} ep",
                "test acc", [r[0] for r in results], [r[3] for r in results])


def add_row(dataset, model, n_params, budget, metric, values, seconds):
    med = statistics.median(values)
    row = (dataset, model, n_params, budget, metric, f"{med:.3f} [{min(values):.3f}-{max(values):.3f}]",
           f"{statistics.median(seconds):.1f}")
    ROWS.append(row)
    print("| " + " | ".join(str(c) for c in row) + " |", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("groups", nargs="*", default=["shapes"])
    parser.add_argument("--seeds", type=int, default=3)
    args = parser.parse_args()
    seeds = list(range(args.seeds))
    print("| data set | model | params | budget | metric | median [min-max] | s |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for group in args.groups:
        globals()[f"{group}_rows"](seeds)


if __name__ == "__main__":
    main()
