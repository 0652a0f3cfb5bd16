"""Shared helpers of the benches: timing a command, medians, the machine's load."""
from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time

BASELINE = [sys.executable, "-c", "import torch, pytest"]
# The same without the interpreter's teardown (dlings ends with os._exit, as the CLI does): a stricter baseline.
BASELINE_EXIT = [sys.executable, "-c", "import os, torch, pytest; os._exit(0)"]


def timed(argv: list[str], **kwargs) -> float:
    """Wall seconds of one run of `argv` (its output discarded)."""
    started = time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **kwargs)
    return time.perf_counter() - started


def median(values: list[float]) -> float:
    return statistics.median(values)


def spread(values: list[float], scale: float = 1.0, unit: str = "s", digits: int = 2) -> str:
    return (f"median {median(values) * scale:.{digits}f} {unit} (n={len(values)}, "
            f"min {min(values) * scale:.{digits}f}, max {max(values) * scale:.{digits}f})")


def load_line() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f} / {five:.2f} / {fifteen:.2f} (1/5/15 min) on {os.cpu_count()} CPUs"


def verdict_ok(ratio: float, limit: float) -> str:
    return "ok" if ratio <= limit else "OVER"
