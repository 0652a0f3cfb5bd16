import numpy as np
import pytest
import torch

from dlings.testing import expect, expect_close, fail
from support_05_gpu_basics import call, devices


def _batches():
    g = torch.Generator().manual_seed(0)

    def t(*shape, dtype=torch.float32):
        if dtype == torch.float32:
            return torch.randn(*shape, generator=g)
        return torch.randint(0, 5, shape, generator=g).to(dtype)

    yield "a single tensor", t(3, 2)
    yield "a tuple (inputs, labels)", (t(4, 3), t(4, dtype=torch.int64))
    yield "a dict", {"image": t(2, 1, 3, 3), "label": t(2, dtype=torch.int64), "name": "cat.png", "index": 7,
                     "raw": np.arange(3)}  # a mutable non-tensor: it must come back as the very same object
    yield "a nested batch", {
        "inputs": [t(2, 3), (t(2, dtype=torch.bool), "mask")],
        "extra": {"ids": (t(2, dtype=torch.int64), t(1, dtype=torch.float64)), "files": ["a.png", "b.png"],
                  "count": 2, "scale": 0.5, "none": None},
        "empty": [],
    }
    yield "a list of (tensor, str) pairs", [(t(1), "first"), (t(2, 2), "second")]


def _snapshot(value):
    """The caller's batch as it was: containers copied, leaves kept (tensors by value)."""
    if isinstance(value, torch.Tensor):
        return ("tensor", value, value.clone())
    if isinstance(value, dict):
        return {k: _snapshot(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(_snapshot(v) for v in value)
    return ("leaf", value)


def _compare(got, want, device, path, what):
    """want is the original object; got must mirror it with tensors on device."""
    where = f"{what}, at batch{path}" if path else what
    if isinstance(want, torch.Tensor):
        expect(isinstance(got, torch.Tensor), f"{where} should be a tensor, but it is {type(got).__name__}.")
        expect(got.device.type == torch.device(device).type,
               f"{where} is on {got.device}; expected {device}.",
               hint="every tensor must move, at any depth: call move_batch on the items of each container "
                    "(recursion), not only on the top level.")
        expect(got.dtype == want.dtype, f"{where} has dtype {got.dtype}; expected {want.dtype} (unchanged).",
               hint="move with .to(device) only: a dtype passed to .to changes the tensor's type.")
        expect(tuple(got.shape) == tuple(want.shape), f"{where} has shape {tuple(got.shape)}; expected {tuple(want.shape)}.")
        if got.device.type != "meta":
            expect_close(got.cpu(), want, where)
        return
    if isinstance(want, (dict, list, tuple)):
        kind = type(want).__name__
        if type(got) is not type(want):
            fail(f"{where} is a {type(got).__name__}; expected a {kind}, like the batch it came from.",
                 hint="rebuild each container with its own type: tuple(...) for a tuple, [...] for a list, "
                      "{...} for a dict.")
        if isinstance(want, dict):
            expect(list(got) == list(want), f"{where} has the keys {list(got)}; expected {list(want)}.")
            for key in want:
                _compare(got[key], want[key], device, f"{path}[{key!r}]", what)
        else:
            expect(len(got) == len(want), f"{where} has {len(got)} items; expected {len(want)}.")
            for i, (g, w) in enumerate(zip(got, want)):
                _compare(g, w, device, f"{path}[{i}]", what)
        return
    expect(got is want, f"{where} is {got!r}; expected the original {want!r}, untouched.",
           hint="anything that is not a tensor, dict, list or tuple is returned as it is.")


def _unchanged(batch, snap, path=""):
    if isinstance(snap, tuple) and len(snap) == 3 and snap[0] == "tensor":
        expect(batch is snap[1] and batch.device.type == "cpu" and torch.equal(batch, snap[2]),
               f"the caller's batch{path} was changed: it should still be the same tensor on the cpu.",
               hint="build new containers and leave the caller's batch alone (no batch[key] = ... on it).")
    elif isinstance(snap, tuple) and len(snap) == 2 and snap[0] == "leaf":
        expect(batch is snap[1], f"the caller's batch{path} was replaced.",
               hint="build new containers and leave the caller's batch alone.")
    elif isinstance(snap, dict):
        expect(isinstance(batch, dict) and list(batch) == list(snap),
               f"the caller's batch{path} had its keys changed.", hint="build a new dict; leave the caller's alone.")
        for k in snap:
            _unchanged(batch[k], snap[k], f"{path}[{k!r}]")
    else:
        expect(len(batch) == len(snap), f"the caller's batch{path} changed length.",
               hint="build new lists; leave the caller's alone.")
        for i, (b, s) in enumerate(zip(batch, snap)):
            _unchanged(b, s, f"{path}[{i}]")


@pytest.mark.parametrize("device", devices() + ["meta"])
def test_moves_every_tensor(exercise, device):
    # "meta" holds shapes and dtypes but no data: it stands in for a GPU on machines without one
    for label, batch in _batches():
        snap = _snapshot(batch)
        what = f"move_batch(batch, {device!r}) for {label}"
        got = call(exercise.move_batch, batch, device, what=what)
        if got is None:
            fail(f"{what} returned None.", hint="finish the TODO and `return` the moved batch.")
        _compare(got, batch, device, "", what)
        _unchanged(batch, snap)
