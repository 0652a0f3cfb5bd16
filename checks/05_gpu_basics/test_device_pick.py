import contextlib

import pytest
import torch

from dlings.testing import expect, fail

# Every way torch can answer "is there a GPU?"; all are faked together so that any
# honest way of asking gets the same answer.


@contextlib.contextmanager
def machine(monkeypatch, cuda: bool, mps: bool):
    with monkeypatch.context() as m:
        m.setattr(torch.cuda, "is_available", lambda: cuda)
        m.setattr(torch.cuda, "device_count", lambda: 1 if cuda else 0)
        m.setattr(torch.backends.mps, "is_available", lambda: mps)
        # built into torch but not usable (an Intel Mac, an old macOS): is_built() says nothing about this machine
        m.setattr(torch.backends.mps, "is_built", lambda: True)
        if hasattr(torch, "mps"):
            m.setattr(torch.mps, "is_available", lambda: mps, raising=False)
        if hasattr(torch, "accelerator"):
            present = "cuda" if cuda else "mps" if mps else None

            def current_accelerator(check_available: bool = False):
                if present is not None:
                    return torch.device(present)
                # like a CUDA build of torch: without check_available=True it names the built-in kind
                return None if check_available else torch.device("cuda")

            m.setattr(torch.accelerator, "is_available", lambda: present is not None)
            m.setattr(torch.accelerator, "current_accelerator", current_accelerator)
            m.setattr(torch.accelerator, "device_count", lambda: 0 if present is None else 1)
        yield


def judge(got, want: str, what: str, hint: str | None = None):
    if isinstance(got, str):
        fail(f"{what} returned the string {got!r}; a torch.device is expected.",
             hint=f'wrap it: torch.device("{got}").')
    expect(isinstance(got, torch.device), f"{what} should return a torch.device, but it returned {got!r}.",
           hint="None came back: finish the TODO and `return` the device." if got is None else None)
    expect(got.type == want and got.index in (None, 0), f"{what} returned {got}; expected {want}.", hint=hint)


MACHINES = [
    # (cuda, mps, expected, hint when wrong)
    (True, False, "cuda", "a CUDA GPU is present: it comes first."),
    (False, True, "mps", "no CUDA GPU but an Apple GPU: torch.backends.mps.is_available() is True, so use mps."),
    (False, False, "cpu", "no GPU at all: fall back to cpu. (torch.backends.mps.is_built() only says that torch was "
                          "built with MPS support, not that this machine has it; "
                          "torch.accelerator.current_accelerator() needs check_available=True.)"),
    (True, True, "cuda", "when both are present, cuda comes before mps."),
]


@pytest.mark.parametrize("cuda, mps, want, hint", MACHINES, ids=["cuda", "mps", "cpu_only", "both"])
def test_best_device(exercise, monkeypatch, cuda, mps, want, hint):
    what = f"pick_device() on a machine with{'' if cuda else 'out'} CUDA and with{'' if mps else 'out'} MPS"
    with machine(monkeypatch, cuda, mps):
        got = exercise.pick_device()
    if want != "cpu" and isinstance(got, torch.device) and got.type == "cpu" and not cuda:
        hint = hint + " (Decided once, at import? Ask torch each time pick_device is called.)"
    judge(got, want, what, hint)


@pytest.mark.parametrize("cuda, mps", [(True, False), (False, True), (False, False)], ids=["cuda", "mps", "cpu_only"])
def test_force_cpu(exercise, monkeypatch, cuda, mps):
    what = f"pick_device(force_cpu=True) on a machine with{'' if cuda else 'out'} CUDA and with{'' if mps else 'out'} MPS"
    with machine(monkeypatch, cuda, mps):
        got = exercise.pick_device(force_cpu=True)
    judge(got, "cpu", what, "force_cpu=True must give cpu whatever GPU is present.")


def test_this_machine(exercise):
    # no faking: what this machine really has
    want = "cuda" if torch.cuda.is_available() else "mps" if torch.backends.mps.is_available() else "cpu"
    judge(exercise.pick_device(), want, "pick_device() on this machine")
    judge(exercise.pick_device(False), want, "pick_device(False) on this machine")
