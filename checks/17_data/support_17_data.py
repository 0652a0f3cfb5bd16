"""Helpers shared by the 17_data checks: call the learner's datasets and loaders safely and
describe what came back in the words of the exercise."""
from __future__ import annotations

import itertools

import torch
# Imported before any learner file: its first import rewraps torch.manual_seed (torch._dynamo), which the
# runner's tamper check would otherwise blame on the learner when a check runs outside the warm engine.
import torchvision.transforms.v2  # noqa: F401
from torch.utils.data import DataLoader, Dataset, IterableDataset

from dlings.testing import fail


def describe(value) -> str:
    if isinstance(value, torch.Tensor):
        return f"a tensor of shape {tuple(value.shape)}, dtype {value.dtype}"
    if isinstance(value, (tuple, list)):
        inner = ", ".join(describe(v) for v in list(value)[:4])
        return f"a {type(value).__name__} of {len(value)} ({inner}{', ...' if len(value) > 4 else ''})"
    if isinstance(value, (int, float, str, bool)) or value is None:
        return f"{type(value).__name__} {value!r:.60}"
    bases = ", ".join(b.__name__ for b in type(value).__mro__[1:-1]) or "object"
    return f"a {type(value).__name__} object (based on {bases})"


def expect_loader(obj, what: str) -> DataLoader:
    if obj is None or obj is Ellipsis:
        fail(f"{what} returned {obj!r}, not a DataLoader.", hint="finish the TODO and `return` the DataLoader.")
    if not isinstance(obj, DataLoader):
        fail(f"{what} returned {describe(obj)}, not a torch.utils.data.DataLoader.")
    return obj


def expect_map_dataset(obj, what: str):
    if obj is None or obj is Ellipsis:
        fail(f"{what} is {obj!r}, not a Dataset.", hint="finish the TODO.")
    if not (hasattr(obj, "__len__") and hasattr(obj, "__getitem__")):
        fail(f"{what} is {describe(obj)}: a map-style Dataset needs __len__ and __getitem__.")
    return obj


def length(ds, what: str) -> int:
    n = len(ds)   # a TypeError here (None) is explained to the learner by the runner
    return n


def take(iterable, limit: int, what: str) -> list:
    """At most `limit` items; more means the iteration never stops."""
    items = list(itertools.islice(iter(iterable), limit + 1))
    if len(items) > limit:
        fail(f"iterating over {what} did not stop after {limit} items.",
             hint="a map-style Dataset stops a `for` loop by raising IndexError for an index past the end.")
    return items


def epoch(loader, what: str, limit: int = 10_000) -> list:
    return take(loader, limit, what)


def is_iterable_dataset(obj) -> bool:
    return isinstance(obj, IterableDataset)


__all__ = ["Dataset", "describe", "expect_loader", "expect_map_dataset", "length", "take", "epoch",
           "is_iterable_dataset"]
