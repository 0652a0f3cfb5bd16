"""What every generated data set shares: seeding, the Split container, caching."""
from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any, Callable, Iterator

import torch
from torch.utils.data import Dataset, TensorDataset

from dlings.needs import data_dir  # the one definition; realsets and the data CLI import it from here

SPLITS = ("train", "val", "test")


def generator(name: str, split: str, seed: int) -> torch.Generator:
    """A torch.Generator seeded from (data set, split, seed): train and test of one seed never overlap,
    and nothing touches the global RNG."""
    if split not in SPLITS:
        raise ValueError(f"split must be one of {', '.join(SPLITS)}, not {split!r}")
    if not isinstance(seed, int) or isinstance(seed, bool):
        raise TypeError(f"seed must be an int, not {type(seed).__name__}")
    key = int(hashlib.sha256(f"{name}|{split}|{seed}".encode()).hexdigest()[:15], 16)
    return torch.Generator().manual_seed(key)


def check_n(n: int, what: str = "n") -> int:
    if not isinstance(n, int) or isinstance(n, bool) or n < 1:
        raise ValueError(f"{what} must be a positive int, not {n!r}")
    return n


def balanced_labels(n: int, classes: int, g: torch.Generator, weights: torch.Tensor | None = None) -> torch.Tensor:
    """`n` labels in shuffled order with exact class counts: equal (the remainder to the first
    classes), or proportional to `weights` (every class at least once when n allows)."""
    if weights is None:
        counts = torch.full((classes,), n // classes, dtype=torch.long)
        counts[: n % classes] += 1
    else:
        p = weights / weights.sum()
        counts = torch.floor(p * n).long()
        if n >= classes:
            counts = counts.clamp(min=1)
        while counts.sum() > n:
            counts[counts.argmax()] -= 1
        rest = n - int(counts.sum())
        order = torch.argsort(p * n - counts, descending=True)
        counts[order[:rest]] += 1
    labels = torch.repeat_interleave(torch.arange(classes), counts)
    return labels[torch.randperm(n, generator=g)]


class Split(TensorDataset):
    """One split of a generated data set: tensors and a map-style Dataset at once.

    - `split.x`, `split.y` (also `split.tensors`): the whole split as tensors;
    - `len(split)`, `split[i] -> (x_i, y_i)`: a `torch.utils.data.Dataset`, ready for a DataLoader;
    - `split.classes`: class names (None for regression), `split.info`: what generated it
      (true coefficients, clean labels, ...);
    - `split.batches(64, seed=0)`: shuffled (x, y) mini-batches without a DataLoader (fast);
    - `split.with_transform(t)`: a Dataset applying `t` to each x (augmentation).
    """

    def __init__(self, x: torch.Tensor, y: torch.Tensor, *, name: str, split: str = "train",
                 classes: list[str] | None = None, info: dict[str, Any] | None = None):
        super().__init__(x, y)
        self.name, self.split = name, split
        self.classes = classes
        self.info = dict(info or {})

    @property
    def x(self) -> torch.Tensor:
        return self.tensors[0]

    @property
    def y(self) -> torch.Tensor:
        return self.tensors[1]

    def batches(self, batch_size: int, *, shuffle: bool = True, seed: int = 0,
                drop_last: bool = False) -> Iterator[tuple[torch.Tensor, torch.Tensor]]:
        """(x, y) mini-batches of one epoch; the order depends only on `seed`."""
        n = len(self)
        order = torch.randperm(n, generator=torch.Generator().manual_seed(seed)) if shuffle else torch.arange(n)
        stop = n - n % batch_size if drop_last else n
        for start in range(0, stop, batch_size):
            idx = order[start:start + batch_size]
            yield self.x[idx], self.y[idx]

    def with_transform(self, transform: Callable[[torch.Tensor], torch.Tensor]) -> "TransformedSplit":
        return TransformedSplit(self, transform)

    def __repr__(self) -> str:
        x, y = self.x, self.y
        extra = f", {len(self.classes)} classes" if self.classes else ""
        return (f"Split({self.name!r}, {self.split}, x {tuple(x.shape)} {x.dtype}, "
                f"y {tuple(y.shape)} {y.dtype}{extra})")


class TransformedSplit(Dataset):
    """A Split seen through a per-sample transform of x (labels unchanged)."""

    def __init__(self, base: Split, transform: Callable[[torch.Tensor], torch.Tensor]):
        self.base, self.transform = base, transform
        self.classes, self.info = base.classes, base.info

    def __len__(self) -> int:
        return len(self.base)

    def __getitem__(self, index):
        x, y = self.base[index]
        return self.transform(x), y


# ---------------------------------------------------------------- caching

def cache_path(name: str, params: dict[str, Any]) -> Path:
    text = json.dumps(params, sort_keys=True, default=str)
    digest = hashlib.sha256(f"{name}|{text}".encode()).hexdigest()[:16]
    return data_dir() / "generated" / f"{name}-{digest}.pt"


def cached(name: str, params: dict[str, Any], build: Callable[[], dict[str, torch.Tensor]]) -> dict[str, torch.Tensor]:
    """Load `build()`'s tensors from the cache keyed by (name, params), or build and store them.

    Written atomically (a temporary file renamed into place); an unreadable or unwritable cache is
    never an error, only a rebuild."""
    path = cache_path(name, params)
    if path.is_file():
        try:
            return torch.load(path, weights_only=True)
        except Exception:  # noqa: BLE001 - a truncated or foreign file: rebuild it
            pass
    value = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                torch.save(value, handle)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError:
        pass
    return value
