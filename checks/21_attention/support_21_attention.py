"""Shared helpers for the 21_attention checks: reference attention and result unpacking."""
from __future__ import annotations

import math
from typing import Any

import torch

from dlings.testing import expect, expect_tensor, fail


def pair(result: Any, what: str, names: tuple[str, str] = ("output", "weights")) -> tuple[torch.Tensor, torch.Tensor]:
    """The learner returns two tensors; explain None, a bare tensor, or a wrong count."""
    if result is None or result is Ellipsis:
        fail(f"{what} gave None: finish the TODO and return ({names[0]}, {names[1]}).")
    expect(isinstance(result, (tuple, list)) and len(result) == 2,
           f"{what} should return a pair ({names[0]}, {names[1]}); it returned {type(result).__name__}"
           + (f" of length {len(result)}" if isinstance(result, (tuple, list)) else "") + ".",
           hint=f"end with `return {names[0]}, {names[1]}`.")
    a = expect_tensor(result[0], f"the {names[0]} of {what}")
    b = expect_tensor(result[1], f"the {names[1]} of {what}")
    return a, b


def ref_attention(q, k, v, *, mask=None, scale=None, dim=-1):
    """Reference: softmax(q k^T * scale + mask) v; `mask` bool, True = may attend. Returns (out, weights)."""
    scale = 1 / math.sqrt(q.shape[-1]) if scale is None else scale
    s = q @ k.transpose(-2, -1) * scale
    if mask is not None:
        s = s.masked_fill(~mask, float("-inf"))
    w = torch.softmax(s, dim=dim)
    return w @ v, w


def randn(*shape, g, dtype=torch.float32):
    return torch.randn(*shape, generator=g, dtype=torch.float64).to(dtype)
