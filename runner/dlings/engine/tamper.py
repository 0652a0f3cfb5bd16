"""Notice when a learner's module replaces or adds parts of torch, pytest or dlings.

A module-level `torch.allclose = lambda *a, **k: True` (a replacement) or
`torch.Tensor.all = lambda self: torch.tensor(True)` (an addition shadowing an
inherited method) would otherwise fool a check. The snapshot compares the
namespaces checks rely on before and after the learner's file is imported,
and puts back anything replaced, removed or added. A changed default dtype
is named and undone too.

What it does not stop: code that patches things later, while a check calls
into it, or a learner who sets out to defeat it. It guards honest mistakes
and easy tricks; README's "what is guarded" says the same.
"""
from __future__ import annotations

from dataclasses import dataclass
from types import ModuleType
from typing import Any


def _namespaces() -> dict[str, Any]:
    import builtins

    import numpy
    import pytest
    import torch
    import torch.nn
    import torch.nn.functional
    import torch.testing

    import dlings.testing

    return {
        "torch": torch, "torch.Tensor": torch.Tensor, "torch.nn": torch.nn,
        "torch.nn.functional": torch.nn.functional, "torch.nn.Module": torch.nn.Module,
        "torch.testing": torch.testing, "pytest": pytest, "dlings.testing": dlings.testing,
        "numpy": numpy, "numpy.ndarray": numpy.ndarray, "builtins": builtins,
    }


def _default_dtype():
    import torch

    return torch.get_default_dtype()


@dataclass
class TorchSnapshot:
    saved: dict[str, tuple[Any, dict[str, Any]]]
    default_dtype: Any = None

    @classmethod
    def take(cls) -> "TorchSnapshot":
        return cls({label: (obj, dict(vars(obj))) for label, obj in _namespaces().items()}, _default_dtype())

    def _diff(self):
        """(label, obj, key, old value or _MISSING) for every replaced, removed or added name."""
        for label, (obj, before) in self.saved.items():
            now = vars(obj)
            for key, value in before.items():
                current = now.get(key, _MISSING)
                # A library imported for the first time may wrap a torch function (torchvision's
                # transforms.v2 wraps torch.manual_seed); a wrapper of the original is not a patch.
                if current is not value and getattr(current, "__wrapped__", None) is not value:
                    yield label, obj, key, value
            for key in list(now.keys() - before.keys()):
                # Importing a submodule (import torch.fx) adds it to its parent: not a change.
                if not isinstance(now[key], ModuleType):
                    yield label, obj, key, _MISSING

    def dtype_changed(self) -> bool:
        return _default_dtype() != self.default_dtype

    def changed(self) -> list[str]:
        return [f"{label}.{key}" for label, _, key, _ in self._diff()]

    def restore(self) -> None:
        if self.dtype_changed():
            import torch

            torch.set_default_dtype(self.default_dtype)
        for _, obj, key, value in list(self._diff()):
            if value is _MISSING:
                try:
                    delattr(obj, key)
                except (AttributeError, TypeError):
                    pass
            else:
                setattr(obj, key, value)


_MISSING = object()
