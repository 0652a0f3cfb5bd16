"""Toy 2-D classification sets and regression sets with known coefficients."""
from __future__ import annotations

import math

import torch

from dlings.data._core import Split, balanced_labels, check_n, generator


def _noise(shape, scale: float, g: torch.Generator) -> torch.Tensor:
    return torch.randn(shape, generator=g) * scale


def moons(n: int = 500, *, noise: float = 0.1, split: str = "train", seed: int = 0) -> Split:
    """Two interleaving half circles; x (n, 2) float32 centred near 0, y (n,) int64 in {0, 1}."""
    g = generator("moons", split, seed)
    y = balanced_labels(check_n(n), 2, g)
    t = torch.rand(n, generator=g) * math.pi
    upper = torch.stack([torch.cos(t), torch.sin(t)], 1)
    lower = torch.stack([1 - torch.cos(t), 0.5 - torch.sin(t)], 1)
    x = torch.where(y[:, None] == 0, upper, lower) - torch.tensor([0.5, 0.25])
    x = x + _noise(x.shape, noise, g)
    return Split(x, y, name="moons", split=split, classes=["upper", "lower"], info={"noise": noise})


def spirals(n: int = 600, *, classes: int = 3, turns: float = 1.0, noise: float = 0.2,
            split: str = "train", seed: int = 0) -> Split:
    """`classes` interleaved spiral arms; x (n, 2) in about [-1, 1], y (n,) int64.

    A linear model scores about 1/classes more than chance at best; an MLP separates them."""
    g = generator("spirals", split, seed)
    y = balanced_labels(check_n(n), classes, g)
    r = 0.05 + 0.95 * torch.rand(n, generator=g)
    angle = 2 * math.pi * (y / classes + turns * r) + _noise(n, noise, g)
    x = torch.stack([r * torch.cos(angle), r * torch.sin(angle)], 1)
    return Split(x, y, name="spirals", split=split, classes=[f"arm {k}" for k in range(classes)],
                 info={"noise": noise, "turns": turns})


def rings(n: int = 500, *, classes: int = 2, noise: float = 0.08, split: str = "train", seed: int = 0) -> Split:
    """Concentric rings (class k has radius (k + 1) / classes); x (n, 2), y (n,) int64.
    Not linearly separable; a feature x0**2 + x1**2 or a hidden layer solves it."""
    g = generator("rings", split, seed)
    y = balanced_labels(check_n(n), classes, g)
    angle = 2 * math.pi * torch.rand(n, generator=g)
    radius = (y + 1) / classes + _noise(n, noise, g)
    x = torch.stack([radius * torch.cos(angle), radius * torch.sin(angle)], 1)
    return Split(x, y, name="rings", split=split, classes=[f"ring {k}" for k in range(classes)],
                 info={"noise": noise})


def blobs(n: int = 500, *, centers: int | torch.Tensor = 3, dim: int = 2, std: float = 1.0,
          split: str = "train", seed: int = 0) -> Split:
    """Gaussian blobs; x (n, dim), y (n,) int64. `centers` is a count (drawn in [-5, 5]^dim, the same
    for every split of one seed) or a (classes, dim) tensor. info["centers"] holds them."""
    if isinstance(centers, int):
        c = (torch.rand(centers, dim, generator=generator("blobs/centers", "train", seed)) - 0.5) * 10
    else:
        c = torch.as_tensor(centers, dtype=torch.float32)
        dim = c.shape[1]
    g = generator("blobs", split, seed)
    y = balanced_labels(check_n(n), c.shape[0], g)
    x = c[y] + _noise((n, dim), std, g)
    return Split(x, y, name="blobs", split=split, classes=[f"blob {k}" for k in range(c.shape[0])],
                 info={"centers": c, "std": std})


def xor(n: int = 400, *, noise: float = 0.05, split: str = "train", seed: int = 0) -> Split:
    """Points in [-1, 1]^2 labelled 1 where x0 * x1 > 0: no single line separates them."""
    g = generator("xor", split, seed)
    x = torch.rand(check_n(n), 2, generator=g) * 2 - 1
    y = (x[:, 0] * x[:, 1] > 0).long()
    x = x + _noise(x.shape, noise, g)
    return Split(x, y, name="xor", split=split, classes=["different signs", "same sign"], info={"noise": noise})


def regression(n: int = 200, *, features: int = 3, outputs: int = 1, weight: torch.Tensor | None = None,
               bias: torch.Tensor | float | None = None, noise: float = 0.1, split: str = "train",
               seed: int = 0) -> Split:
    """Linear data y = x @ weight.T + bias + noise; x (n, features) ~ N(0, 1), y (n, outputs).

    weight (outputs, features) and bias (outputs,) are nn.Linear's layout; unless given they are
    drawn from the seed (rounded to 0.1, the same for every split) and kept in info["weight"],
    info["bias"], so a fitted model can be compared with the truth."""
    if weight is None or bias is None:
        gc = generator("regression/coef", "train", seed)
        drawn_w = (torch.randn(outputs, features, generator=gc) * 2).round(decimals=1)
        drawn_b = (torch.randn(outputs, generator=gc)).round(decimals=1)
    w = drawn_w if weight is None else torch.as_tensor(weight, dtype=torch.float32).reshape(outputs, -1)
    b = drawn_b if bias is None else torch.as_tensor(bias, dtype=torch.float32).reshape(-1).expand(outputs).clone()
    features = w.shape[1]
    g = generator("regression", split, seed)
    x = torch.randn(check_n(n), features, generator=g)
    y = x @ w.T + b + _noise((n, outputs), noise, g)
    return Split(x, y, name="regression", split=split, info={"weight": w, "bias": b, "noise": noise})


def curve(n: int = 200, *, kind: str = "sine", noise: float = 0.05, split: str = "train", seed: int = 0) -> Split:
    """A 1-D non-linear function to fit: x (n, 1) uniform in [-3, 3], y (n, 1).
    kind "sine": sin(x); "cubic": 0.1 x^3 - 0.5 x; "step": 1 where x > 0 else 0 (then noise)."""
    funcs = {"sine": torch.sin, "cubic": lambda x: 0.1 * x**3 - 0.5 * x, "step": lambda x: (x > 0).float()}
    if kind not in funcs:
        raise ValueError(f"kind must be one of {', '.join(funcs)}, not {kind!r}")
    g = generator(f"curve/{kind}", split, seed)
    x = torch.rand(check_n(n), 1, generator=g) * 6 - 3
    y = funcs[kind](x) + _noise((n, 1), noise, g)
    return Split(x, y, name="curve", split=split, info={"kind": kind, "noise": noise})
