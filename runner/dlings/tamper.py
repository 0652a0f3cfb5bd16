"""Notice when a learner's module replaces parts of torch, pytest or dlings.

A module-level `torch.allclose = lambda *a, **k: True` would otherwise fool a
check. The snapshot compares the namespaces checks rely on before and after
the learner's file is imported, and puts back anything replaced or removed.
It does not stop code that patches things while a check calls into it, nor a
learner who sets out to defeat it: it guards honest mistakes and easy tricks.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any


def _namespaces() -> dict[str, Any]:
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
    }


@dataclass
class TorchSnapshot:
    saved: dict[str, tuple[Any, dict[str, Any]]]

    @classmethod
    def take(cls) -> "TorchSnapshot":
        return cls({label: (obj, dict(vars(obj))) for label, obj in _namespaces().items()})

    def _diff(self):
        for label, (obj, before) in self.saved.items():
            now = vars(obj)
            for key, value in before.items():
                if now.get(key, _MISSING) is not value:
                    yield label, obj, key, value

    def changed(self) -> list[str]:
        return [f"{label}.{key}" for label, _, key, _ in self._diff()]

    def restore(self) -> None:
        for _, obj, key, value in list(self._diff()):
            setattr(obj, key, value)


_MISSING = object()
