"""Helpers shared by the 09_modules checks (imported as `from support_09_modules import ...`)."""
from __future__ import annotations

from typing import Any, Iterable

import torch
from torch import nn

from dlings.testing import expect_equal, fail

_SUPER_HINT = ("call super().__init__() as the very first line of __init__, before you assign any "
               "layer, nn.Parameter or buffer to self.")


def build(cls: Any, *args: Any, what: str | None = None, **kwargs: Any) -> nn.Module:
    """Create the learner's module, explaining the classic construction mistakes."""
    shown = ", ".join([repr(a) for a in args] + [f"{k}={v!r}" for k, v in kwargs.items()])
    what = what or f"{getattr(cls, '__name__', cls)}({shown})"
    if not isinstance(cls, type):
        fail(f"{what}: expected a class, got {cls!r}.")
    try:
        module = cls(*args, **kwargs)
    except AttributeError as exc:
        if "before Module.__init__() call" in str(exc) or "_parameters" in str(exc) or "_modules" in str(exc):
            fail(f"Creating {what} raised AttributeError: {exc}", hint=_SUPER_HINT)
        raise
    if not isinstance(module, nn.Module):
        fail(f"{what} should be an nn.Module, but it is a {type(module).__name__}.",
             hint="the class must subclass nn.Module: `class Name(nn.Module):`.")
    if "_parameters" not in module.__dict__:
        fail(f"{what} was created without running nn.Module.__init__ (is the TODO in __init__ still `...`?).",
             hint=_SUPER_HINT)
    return module


def expect_buffer_names(module: nn.Module, expected: Iterable[str], what: str, hint: str | None = None) -> None:
    got = sorted(name for name, _ in module.named_buffers())
    expect_equal(got, sorted(expected), f"the list of buffer names of {what} (named_buffers())",
                 hint=hint or "a tensor stored as a plain attribute is not a buffer: use "
                 "self.register_buffer(name, tensor).")


def expect_state_dict_keys(module: nn.Module, expected: Iterable[str], what: str, hint: str | None = None) -> None:
    got = sorted(module.state_dict().keys())
    expect_equal(got, sorted(expected), f"the list of keys of {what}.state_dict()", hint=hint)


def linear_layers(module: nn.Module) -> list[nn.Linear]:
    return [m for m in module.modules() if isinstance(m, nn.Linear)]


def copy_params(src: nn.Module, dst: nn.Module) -> None:
    with torch.no_grad():
        for (_, p), (_, q) in zip(src.named_parameters(), dst.named_parameters()):
            q.copy_(p)
