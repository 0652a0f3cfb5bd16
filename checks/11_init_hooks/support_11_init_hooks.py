"""Shared helpers for the 11_init_hooks checks: statistics of initialised weights, hook bookkeeping."""
from __future__ import annotations

import math
from typing import Mapping

import torch

from dlings.testing import expect_tensor, fail
# hook counting is part of the checking API now (docs/AUTHORING.md)
from dlings.testing import expect_no_hooks, hook_counts  # noqa: F401


def _cause(got: float, mistakes: Mapping[str, float] | None, rtol: float) -> str | None:
    for cause, value in (mistakes or {}).items():
        if abs(got - value) <= rtol * abs(value):
            return cause
    return None


def _finite(t: torch.Tensor, what: str) -> torch.Tensor:
    t = expect_tensor(t, what).detach().double()
    if not bool(torch.isfinite(t).all()):
        fail(f"{what} contains NaN or inf values.", hint="a division by zero, or the weight was never filled.")
    return t


def expect_std(t: torch.Tensor, expected: float, what: str, *, rtol: float = 0.06,
               mistakes: Mapping[str, float] | None = None, hint: str | None = None) -> None:
    """The sample std of `t` is within `rtol` of the theoretical `expected`."""
    t = _finite(t, what)
    got = float(t.std())
    if abs(got - expected) <= rtol * expected:
        return
    fail(f"{what}: the spread of the values is off.\n"
         f"  expected std about {expected:.4g} (theory, within {rtol:.0%})\n"
         f"  got std            {got:.4g}  (ratio {got / expected if expected else math.inf:.3g})",
         hint=_cause(got, mistakes, rtol) or hint)


def expect_mean_zero(t: torch.Tensor, scale: float, what: str, *, hint: str | None = None) -> None:
    t = _finite(t, what)
    mean = float(t.mean())
    if abs(mean) > 0.1 * scale:
        fail(f"{what}: the values should be centred on 0.\n  got mean {mean:.4g} (std scale {scale:.4g})",
             hint=hint or "draw from a symmetric range, e.g. U(-a, a), not U(0, a).")


def expect_uniform_bound(t: torch.Tensor, bound: float, what: str, *,
                         mistakes: Mapping[str, float] | None = None, hint: str | None = None) -> None:
    """Values lie in [-bound, bound] and reach close to it (a uniform fill on a big tensor)."""
    t = _finite(t, what)
    got = float(t.abs().max())
    if bound * 0.97 <= got <= bound * (1 + 1e-5):
        return
    fail(f"{what}: the values should fill U(-a, a) with a = {bound:.4g}.\n"
         f"  largest |value| expected just under {bound:.4g}\n"
         f"  largest |value| got                 {got:.4g}",
         hint=_cause(got, mistakes, 0.03) or hint)


def looks_normal(t: torch.Tensor) -> bool:
    """About 4.6% of a normal sample lies beyond 2 std; none of a uniform one does."""
    t = t.detach().double()
    frac = float((t.abs() > 2 * t.std()).double().mean())
    return 0.025 < frac < 0.07
