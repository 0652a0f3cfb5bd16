"""Small helpers shared by the 01_tensors checks."""
from __future__ import annotations

from typing import Any, Mapping

import torch

from dlings.testing import expect_tensor, fail


def expect_dtype_is(got: Any, dtype: torch.dtype, what: str, causes: Mapping[torch.dtype, str] | None = None,
                    *, hint: str | None = None) -> None:
    """Like expect_dtype, but the likely cause depends on the dtype that came back."""
    got = expect_tensor(got, what)
    if got.dtype != dtype:
        cause = (causes or {}).get(got.dtype, hint)
        fail(f"{what} has the wrong dtype.\n  expected {dtype}\n  got      {got.dtype}", hint=cause)


def expect_python_int(got: Any, what: str) -> None:
    """A plain Python int (not a tensor, not a float)."""
    if isinstance(got, bool) or not isinstance(got, int):
        kind = "a tensor" if isinstance(got, torch.Tensor) else type(got).__name__
        cause = None
        if isinstance(got, torch.Tensor):
            cause = "turn a one-element tensor into a Python number with .item() (or use int(...))."
        elif isinstance(got, float):
            cause = "`/` always gives a float in Python; use `//` for whole numbers, or int(...)."
        elif got is None:
            cause = "None came back: finish the TODO and `return` the value."
        fail(f"{what} should be a Python int, but it is {kind}: {got!r}.", hint=cause)
