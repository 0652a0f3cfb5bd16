"""Helpers shared by the 05_gpu_basics checks.

- `cuda_usable()` / `devices()`: the device-agnostic checks run on "cpu" always and on
  "cuda" too when a GPU is present AND usable from the check process.
- `call(fn, *args, what=...)`: runs the learner's function and turns the errors that
  device mistakes raise (a tensor left on the CPU, "cuda" hard-coded, reading a meta
  tensor) into a message for the learner; every other error passes through unchanged.
- `SimulatedDevice`: a stand-in for a GPU on machines without one: launch() queues
  work and returns at once, synchronize() waits until the queue is empty.
- `address_space_cap(extra_gib)`: while active, the process cannot map more than
  `extra_gib` GiB on top of what it has, so a huge CPU allocation fails at once
  instead of swapping (the runner sets such a cap too; pytest by hand does not).
- `median_seconds(stmt, globals)`: the checks' own reference timings.

The first operation that mixes a "meta" tensor with a CPU one imports torch's Python meta
registrations (900 modules, 3-6 s on the loaded 2-core CI machine); the exercises whose wrong
answers do that have `timeout = 20`.
"""
from __future__ import annotations

import contextlib
import functools
import queue
import resource
import threading
import time

import torch
from torch.utils import benchmark

from dlings.testing import fail


@functools.cache
def cuda_usable() -> bool:
    """A CUDA GPU is present and this process can make a tensor on it."""
    try:
        if not torch.cuda.is_available():
            return False
        torch.zeros(1, device="cuda")
        torch.cuda.synchronize()
        return True
    except Exception:  # noqa: BLE001 - no driver, no context under a memory cap: no GPU for this check
        return False


def devices() -> list[str]:
    """Real devices a device-agnostic check runs on: the CPU, and the GPU when there is one."""
    return ["cpu"] + (["cuda"] if cuda_usable() else [])


def _is_mismatch(text: str) -> bool:
    low = text.lower()
    return "same device" in low or "expected device" in low


def _cause(text: str) -> str | None:
    low = text.lower()
    if "meta" in low and ("expected device" in low or "same device" in low):
        return ("a tensor made inside your function stayed on the CPU while the input lives on another device "
                "(here 'meta', standing in for a GPU): create it with device=x.device, or move it with "
                ".to(x.device).")
    if "same device" in low or "expected device" in low:
        return "two tensors on different devices meet in one operation: move both to the same device first."
    if "meta" in low and ("no data" in low or "item()" in low or "copy out" in low or "data-dependent" in low):
        return ("your code reads values back to Python or the CPU (.item(), .tolist(), int(...), .cpu(), "
                ".numpy()): device-agnostic code keeps the work on the tensor's own device.")
    if "cuda" in low or "nvidia" in low or "driver" in low:
        return ('"cuda" is written into your code, and this machine has no GPU: use the device you were given, '
                "or the one the input lives on (x.device).")
    return None


def call(fn, *args, what: str, hint: str | None = None, **kwargs):
    """fn(*args, **kwargs); an error caused by devices becomes a learner-facing failure.

    `hint` replaces the general cause for a device-mismatch error (the exercise knows which tensor)."""
    try:
        return fn(*args, **kwargs)
    except (RuntimeError, NotImplementedError, AssertionError, TypeError, ValueError) as exc:
        if isinstance(exc, AssertionError) and type(exc) is not AssertionError:
            raise  # a CheckFailure from a helper
        text = str(exc).strip()
        cause = _cause(text)
        if cause is None or (isinstance(exc, NotImplementedError) and not text):
            raise
        if hint and _is_mismatch(text):
            cause = hint
        fail(f"{what} raised {type(exc).__name__}: {text.splitlines()[0][:300]}", hint=cause)


class SimulatedDevice:
    """Work launched here runs on a background thread, one item at a time, like a GPU stream."""

    def __init__(self) -> None:
        self._queue: queue.Queue = queue.Queue()
        self.launches = 0
        self.busy_seconds = 0.0
        threading.Thread(target=self._work, daemon=True).start()

    def _work(self) -> None:
        while True:
            seconds = self._queue.get()
            end = time.perf_counter() + seconds
            while True:  # sleep in slices: a single long sleep may overshoot on a busy machine
                left = end - time.perf_counter()
                if left <= 0:
                    break
                time.sleep(min(left, 0.002))
            self._queue.task_done()

    def launch(self, seconds: float) -> None:
        self.launches += 1
        self.busy_seconds += seconds
        self._queue.put(seconds)

    def synchronize(self) -> None:
        self._queue.join()


@contextlib.contextmanager
def address_space_cap(extra_gib: float):
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    with open("/proc/self/statm") as handle:
        mapped = int(handle.read().split()[0]) * resource.getpagesize()
    cap = mapped + int(extra_gib * 2**30)
    if hard != resource.RLIM_INFINITY:
        cap = min(cap, hard)
    if soft != resource.RLIM_INFINITY:
        cap = min(cap, soft)
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def median_seconds(stmt: str, globals: dict, min_run_time: float = 0.05) -> float:
    return benchmark.Timer(stmt, globals=globals).blocked_autorange(min_run_time=min_run_time).median
