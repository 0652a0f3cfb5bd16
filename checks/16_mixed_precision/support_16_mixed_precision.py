"""Helpers shared by the 16_mixed_precision checks.

- `cuda_usable()` / `devices()`: device-agnostic checks run on "cpu" always and on "cuda"
  too when a GPU is present and usable from the check process.
- `low_dtype(device)`: the autocast dtype each device uses in this track (bfloat16 on the
  CPU, float16 on CUDA).
- `mlp(...)`: a small seeded float32 MLP.
- `linear_dtypes(model)`: a context manager recording the output dtype of every
  nn.Linear / nn.Conv2d the model calls: how a check sees that the layers ran under autocast.
- `call(fn, ..., what=)`: runs the learner's function and turns the dtype errors that
  precision mistakes raise into a message for the learner.
"""
from __future__ import annotations

import contextlib
import functools

import torch
from torch import nn

from dlings.testing import fail


@functools.cache
def cuda_usable() -> bool:
    try:
        if not torch.cuda.is_available():
            return False
        torch.zeros(1, device="cuda")
        torch.cuda.synchronize()
        return True
    except Exception:  # noqa: BLE001 - no driver or no context: no GPU for this check
        return False


def devices() -> list[str]:
    return ["cpu"] + (["cuda"] if cuda_usable() else [])


def low_dtype(device) -> torch.dtype:
    return torch.float16 if torch.device(device).type == "cuda" else torch.bfloat16


def mlp(seed: int, n_in: int = 8, hidden: int = 16, n_out: int = 3, device="cpu") -> nn.Module:
    torch.manual_seed(seed)
    return nn.Sequential(nn.Linear(n_in, hidden), nn.ReLU(), nn.Linear(hidden, n_out)).to(device)


@contextlib.contextmanager
def linear_dtypes(model: nn.Module):
    """Yields a list that fills with the output dtype of each Linear/Conv2d call inside the block."""
    seen: list[torch.dtype] = []
    handles = [m.register_forward_hook(lambda _m, _a, out: seen.append(out.dtype))
               for m in model.modules() if isinstance(m, (nn.Linear, nn.Conv2d))]
    try:
        yield seen
    finally:
        for h in handles:
            h.remove()


def dtype_cause(text: str) -> str | None:
    low = text.lower()
    if "_scale is none" in low or "scaler.scale(loss" in low:
        return ("the scaler has not scaled anything this step: backward must run on scaler.scale(loss), "
                "not on loss itself; then unscale_ and step know the scale to divide by.")
    if "unscale_() has already been called" in low:
        return "scaler.unscale_(optimizer) runs once per step, between backward and scaler.step."
    if "same dtype" in low or "dtype" in low and ("expected" in low or "mismatch" in low):
        return ("tensors of two dtypes met in one operation: casting x (or the model) by hand to bfloat16/float16 "
                "is not mixed precision. Leave the model and x in float32 and run the forward inside "
                "torch.autocast(...): autocast casts each op's inputs itself.")
    if "cuda" in low and ("not available" in low or "driver" in low or "no nvidia" in low):
        return ('"cuda" is written into your code, and this machine has no GPU: take the device type from the '
                "input (x.device.type).")
    return None


def call(fn, *args, what: str, **kwargs):
    try:
        return fn(*args, **kwargs)
    except (RuntimeError, TypeError, ValueError, AssertionError) as exc:
        cause = dtype_cause(str(exc))
        if cause is None:
            raise
        fail(f"{what} raised {type(exc).__name__}: {str(exc).splitlines()[0][:300]}", hint=cause)
