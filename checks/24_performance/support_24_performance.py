"""Helpers shared by the 24_performance checks.

- `cuda_usable()` / `devices()`: device-agnostic checks run on "cpu" always and on "cuda"
  too when a GPU is present and usable from the check process.
- `count_syncs()`: a context manager counting the calls that copy a value from a tensor
  back to Python (item, tolist, float/int/bool of a tensor, numpy): on a GPU each is a
  host sync, the CPU waiting for the device. Counted the same way on every device.
- `PeakBytes`: a TorchDispatchMode that tracks the bytes of tensors made by torch ops
  while it is active (new storages only; views and in-place results reuse their input's),
  freeing them when the tensor dies: the peak is a device-independent stand-in for
  torch.cuda.max_memory_allocated.
"""
from __future__ import annotations

import contextlib
import functools
import weakref

import torch
from torch.utils._python_dispatch import TorchDispatchMode
from torch.utils._pytree import tree_flatten


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


# .cpu() is left out: t.cpu().tolist() reads back once, and counts once (as tolist).
SYNC_METHODS = ("item", "tolist", "__float__", "__int__", "__bool__", "__index__", "numpy")


@contextlib.contextmanager
def count_syncs(with_graph: list[bool] | None = None):
    """Yields a dict {method name: calls}; every listed Tensor method is wrapped while active.

    `with_graph`, when given, gets one entry per counted read: whether the tensor read requires grad
    (a logged loss kept without detach() holds its step's whole graph alive)."""
    counts: dict[str, int] = {}
    saved = {name: torch.Tensor.__dict__.get(name) for name in SYNC_METHODS}
    depth = [0]

    def wrap(name, original):
        def counted(self, *args, **kwargs):
            if depth[0] == 0:  # float(t) may call t.item() inside: count the outer call only
                counts[name] = counts.get(name, 0) + 1
                if with_graph is not None:
                    with_graph.append(bool(self.requires_grad))
            depth[0] += 1
            try:
                return original(self, *args, **kwargs)
            finally:
                depth[0] -= 1
        return counted

    for name in SYNC_METHODS:
        setattr(torch.Tensor, name, wrap(name, getattr(torch.Tensor, name)))
    try:
        yield counts
    finally:
        for name, original in saved.items():
            if original is None:
                delattr(torch.Tensor, name)
            else:
                setattr(torch.Tensor, name, original)


class PeakBytes(TorchDispatchMode):
    """`with PeakBytes() as mem: ...`; then mem.peak: the most bytes that tensors made inside held at once."""

    def __init__(self) -> None:
        super().__init__()
        self.live = 0
        self.peak = 0
        self.total = 0
        self._seen: dict[int, int] = {}

    def _free(self, ptr: int) -> None:
        nbytes = self._seen.pop(ptr, 0)
        self.live -= nbytes

    def __torch_dispatch__(self, func, types, args=(), kwargs=None):
        kwargs = kwargs or {}
        inputs = {t.untyped_storage().data_ptr() for t in tree_flatten((args, kwargs))[0]
                  if isinstance(t, torch.Tensor) and t.device.type != "meta"}
        out = func(*args, **kwargs)
        for t in tree_flatten(out)[0]:
            if not isinstance(t, torch.Tensor) or t.device.type == "meta":
                continue
            storage = t.untyped_storage()
            ptr = storage.data_ptr()
            if ptr in inputs or ptr in self._seen or storage.nbytes() == 0:
                continue
            self._seen[ptr] = storage.nbytes()
            self.live += storage.nbytes()
            self.total += storage.nbytes()
            self.peak = max(self.peak, self.live)
            weakref.finalize(t, self._free, ptr)
        return out
