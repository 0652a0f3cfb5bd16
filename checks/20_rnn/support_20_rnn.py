"""Helpers shared by the 20_rnn checks: build the learner's objects safely and describe what came back."""
from __future__ import annotations

from typing import Any

import torch
from torch import nn

from dlings.testing import expect, fail


def describe(value: Any) -> str:
    if isinstance(value, torch.Tensor):
        return f"a tensor of shape {tuple(value.shape)}, dtype {value.dtype}"
    if isinstance(value, (tuple, list)):
        inner = ", ".join(describe(v) for v in list(value)[:4])
        return f"a {type(value).__name__} of {len(value)} ({inner}{', ...' if len(value) > 4 else ''})"
    if value is None or value is Ellipsis or isinstance(value, (int, float, str, bool)):
        return f"{value!r:.60}"
    return f"a {type(value).__name__} object"


def expect_module(obj: Any, what: str) -> nn.Module:
    if obj is None or obj is Ellipsis:
        fail(f"{what} gave {obj!r}, not a module.", hint="finish the TODO.")
    expect(isinstance(obj, nn.Module), f"{what} should be an nn.Module, but it is {describe(obj)}.",
           hint="subclass nn.Module and call super().__init__() first in __init__.")
    expect("_parameters" in vars(obj), f"{what} was not initialised as an nn.Module.",
           hint="the first line of __init__ must be super().__init__().")
    return obj


def expect_pair(value: Any, what: str, names: str = "(output, h)") -> tuple:
    if value is None or value is Ellipsis:
        fail(f"{what} returned {value!r}.", hint=f"finish the TODO and return the pair {names}.")
    if not isinstance(value, (tuple, list)) or len(value) != 2:
        fail(f"{what} should return a pair {names}, but it returned {describe(value)}.")
    return tuple(value)


def seed_all(seed: int) -> None:
    import random

    import numpy as np
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
