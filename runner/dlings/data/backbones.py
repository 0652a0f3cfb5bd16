"""Pretrained backbones that dlings trains itself, offline: the stand-in for downloaded weights.

    from dlings import data

    model = data.pretrained_backbone()            # ShapesCNN trained on shapes classes 0-5
    model.features                                # nn.Sequential of 3 conv blocks (BatchNorm inside)
    model.head                                    # nn.Linear(64, 6): replace it for a new task

The first call trains the network (a few seconds on one thread, deterministic) and caches its
weights under ~/.dlings/data/generated/ ($DLINGS_DATA/generated/); later calls load them in
milliseconds. Every call returns a fresh, independent module (train mode, CPU, float32).
"""
from __future__ import annotations

from typing import Any

import torch
from torch import nn

from dlings.data._core import cached
from dlings.data.images import CLASSES, shapes

BACKBONES = ("shapes_cnn",)

# What "shapes_cnn" is pretrained on: the first PRETRAIN_CLASSES classes of `shapes`
# (disk, square, triangle, ring, plus, cross); classes 6-9 (hbar, vbar, stripes, checker) are
# left for the learner to transfer to.
PRETRAIN_CLASSES = 6
_PRETRAIN: dict[str, Any] = dict(n=2400, epochs=5, batch=64, lr=3e-3, size=16)


def _block(cin: int, cout: int, pool: bool) -> nn.Sequential:
    layers: list[nn.Module] = [nn.Conv2d(cin, cout, 3, padding=1, bias=False), nn.BatchNorm2d(cout), nn.ReLU()]
    if pool:
        layers.append(nn.MaxPool2d(2))
    return nn.Sequential(*layers)


class ShapesCNN(nn.Module):
    """A small CNN for (N, 3, H, W) images in [0, 1] (any H, W >= 4; trained at 16x16).

    features: three blocks Conv2d(3x3, no bias) - BatchNorm2d - ReLU, the first two followed by
    MaxPool2d(2), with 16, 32 and 64 channels; pool: global max pool and flatten, giving 64
    features per image; head: nn.Linear(64, num_classes).
    """

    classes: list[str]

    def __init__(self, num_classes: int = PRETRAIN_CLASSES, widths: tuple[int, int, int] = (16, 32, 64)):
        super().__init__()
        a, b, c = widths
        self.features = nn.Sequential(_block(3, a, True), _block(a, b, True), _block(b, c, False))
        self.pool = nn.Sequential(nn.AdaptiveMaxPool2d(1), nn.Flatten())
        self.head = nn.Linear(c, num_classes)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.head(self.pool(self.features(x)))


def _train_shapes_cnn(seed: int) -> dict[str, torch.Tensor]:
    cfg = _PRETRAIN
    threads = torch.get_num_threads()
    torch.set_num_threads(1)                       # the same weights whatever the machine's thread count
    try:
        with torch.random.fork_rng(devices=[]):    # leave the caller's global RNG as it was
            torch.manual_seed(seed)
            model = ShapesCNN(PRETRAIN_CLASSES)
            train = shapes(cfg["n"], classes=PRETRAIN_CLASSES, size=cfg["size"], seed=seed)
            opt = torch.optim.Adam(model.parameters(), lr=cfg["lr"])
            model.train()
            for epoch in range(cfg["epochs"]):
                for xb, yb in train.batches(cfg["batch"], seed=seed * 1000 + epoch):
                    loss = nn.functional.cross_entropy(model(xb), yb)
                    opt.zero_grad()
                    loss.backward()
                    opt.step()
    finally:
        torch.set_num_threads(threads)
    return {k: v.detach().clone() for k, v in model.state_dict().items()}


def pretrained_backbone(name: str = "shapes_cnn", *, seed: int = 0, cache: bool = True) -> ShapesCNN:
    """A fresh ShapesCNN with weights pretrained by dlings on `shapes` classes 0-5 (16x16, 2400 images,
    5 epochs of Adam 3e-3, batch 64): about 97 % test accuracy on those six classes.

    Deterministic in `seed`; the weights are cached (see the module docstring), so only the first call
    trains. Each call returns a new module in train mode: changing one never changes another.
    Its `head` still predicts the six pretraining classes; `classes` names them.
    """
    if name not in BACKBONES:
        raise ValueError(f"unknown backbone {name!r}; dlings has: {', '.join(BACKBONES)}")
    if not isinstance(seed, int) or isinstance(seed, bool):
        raise TypeError(f"seed must be an int, not {type(seed).__name__}")
    params = dict(name=name, seed=seed, version=1, **_PRETRAIN)
    state = cached("backbone", params, lambda: _train_shapes_cnn(seed)) if cache else _train_shapes_cnn(seed)
    with torch.random.fork_rng(devices=[]):        # building the layers must not consume the caller's RNG
        model = ShapesCNN(PRETRAIN_CLASSES)
    model.load_state_dict(state)
    model.classes = list(CLASSES[:PRETRAIN_CLASSES])
    return model
