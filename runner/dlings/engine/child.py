"""What runs inside the forked process that judges one exercise.

Limits are set first (memory, output size, no core files), the learner's
output is captured with a cap, pytest runs the check, and the verdict is
written as JSON to a file the parent reads after this process has exited.
"""
from __future__ import annotations

import io
import json
import os
import signal
import sys
import time
from pathlib import Path

from dlings.engine.processes import die_with_parent

OUTPUT_FILE_LIMIT = 256 * 2**20
PRINT_CAP = 256 * 1024


class CappedWriter(io.TextIOBase):
    """A text stream that forwards the first PRINT_CAP characters, then only counts."""

    def __init__(self, fd: int, cap: int = PRINT_CAP):
        self._fd, self._cap, self._written, self.dropped = fd, cap, 0, 0

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        room = self._cap - self._written
        if room > 0:
            chunk = text[:room]
            try:
                os.write(self._fd, chunk.encode("utf-8", "replace"))
            except OSError:
                pass
            self._written += len(chunk)
        self.dropped += max(0, len(text) - max(room, 0))
        return len(text)

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False

    def fileno(self) -> int:
        return self._fd

    @property
    def encoding(self) -> str:  # type: ignore[override]  # a fixed property where TextIOBase has an attribute
        return "utf-8"


def _vm_size() -> int:
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def set_limits(memory_mb: int, limit_address_space: bool) -> None:
    """No core files, a cap on the output file, and (Linux) an address-space budget.

    Where `resource` is missing (Windows) or the address space cannot be read
    (macOS), only what exists is set; README says which limits hold where.
    """
    try:
        import resource
    except ImportError:
        return
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    if hasattr(signal, "SIGXFSZ"):
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (OUTPUT_FILE_LIMIT, OUTPUT_FILE_LIMIT))
    vm_size = _vm_size()
    if limit_address_space and vm_size:
        # The process already maps a few GiB (torch's libraries); the budget comes on top.
        budget = vm_size + memory_mb * 2**20
        resource.setrlimit(resource.RLIMIT_AS, (budget, budget))


def child_main(job: dict, result_path: str, output_path: str, metrics_fd: int, new_session: bool) -> None:
    """Never returns: the process ends with os._exit.

    `new_session`: a forked child leaves its parent's session so a timeout can
    kill its whole process group; a pool spare was started in its own already.
    """
    code = 0
    try:
        if new_session:
            os.setsid()
        die_with_parent(signal.SIGKILL)  # a check must not outlive the engine's process
        _run(job, result_path, output_path, metrics_fd)
    except BaseException as exc:  # noqa: BLE001 - last resort; the parent reports a crash
        try:
            os.write(2, f"dlings: check process failed: {type(exc).__name__}: {exc}\n".encode())
        except OSError:
            pass
        code = 70
    os._exit(code)


def _run(job: dict, result_path: str, output_path: str, metrics_fd: int) -> None:
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    out = os.open(output_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.dup2(out, 1)
    os.dup2(out, 2)
    writer = CappedWriter(1)
    sys.stdout = sys.stderr = writer
    sys.stdin = open(os.devnull)
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)

    # CUDA reserves address space far beyond what it uses, so where a GPU may be used (the exercise
    # needs one, or runs its CUDA part when one is present) only the resident-memory watch applies.
    gpu_here = os.path.exists("/dev/nvidiactl") or os.path.exists("/dev/dxg")
    set_limits(job["memory_mb"], limit_address_space=not gpu_here and "cuda" not in job["needs"]
               and "multi_gpu" not in job["needs"])

    import pytest
    import torch

    torch.set_num_threads(job.get("threads") or max(1, os.cpu_count() or 1))

    from dlings import pytest_plugin
    from dlings.verdict import Status

    metrics: dict[str, list[float]] = {}

    def sink(metric: str, value: float, step: int | None) -> None:
        series = metrics.setdefault(metric, [])
        if len(series) < 5000:
            series.append(value)
        send({"kind": "metric", "metric": metric, "value": value, "step": step})

    events: list[dict] = []

    def event_sink(event: dict) -> None:
        if len(events) < 1000:
            events.append(event)
        send(event)

    def send(event: dict) -> None:
        try:
            os.write(metrics_fd, (json.dumps(event) + "\n").encode())
        except OSError:
            pass

    context = pytest_plugin.RunContext(
        exercise_file=Path(job["exercise_file"]), display_path=job["display_path"],
        needs=tuple(job["needs"]), metric_sink=sink, event_sink=event_sink,
    )
    pytest_plugin.active_context = context
    checks_dir = Path(job["check_file"]).parent.parent
    args = [
        job["check_file"], "-c", str(checks_dir / "pytest.ini"), "--rootdir", str(checks_dir),
        "-q", "-s", "--no-header", "-rN", "-p", "no:cacheprovider",
        # both plugins run gc.collect() five times at exit: most of a second with torch loaded
        "-p", "no:unraisableexception", "-p", "no:threadexception", "--tb=short", "-W", "ignore::DeprecationWarning",
    ]
    started = time.perf_counter()
    exit_code = pytest.main(args, plugins=[context])
    result = summarize(context, int(exit_code), Status)
    result["pytest_seconds"] = time.perf_counter() - started
    result["metrics"] = metrics
    result["events"] = events
    result["dropped_output"] = writer.dropped
    tmp = result_path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as handle:
        json.dump(result, handle)
    os.replace(tmp, result_path)


def summarize(context, exit_code: int, Status) -> dict:
    outcomes = context.outcomes
    total = len({o.nodeid for o in outcomes})
    failing = [o for o in outcomes if o.status not in (Status.PASSED, Status.SKIPPED)]
    skipped = [o for o in outcomes if o.status is Status.SKIPPED]
    base = {"tests_total": total, "tests_failed": len({o.nodeid for o in failing})}
    if failing:
        first = failing[0]
        message = first.message or first.longrepr[-2000:]
        return base | {"status": first.status.value, "message": message, "location": first.location}
    if exit_code in (2, 3, 4) or (exit_code == 1 and not outcomes):
        return base | {"status": Status.BROKEN.value, "location": "",
                       "message": "The check itself could not run (it failed to load). This is a bug in the "
                                  "curriculum, not in your code; the full output shows why."}
    if exit_code == 5 or not outcomes:
        return base | {"status": Status.BROKEN.value, "location": "", "message": "The check file has no tests."}
    if skipped and len(skipped) == len(outcomes):
        return base | {"status": Status.SKIPPED.value, "message": skipped[0].message, "location": ""}
    return base | {"status": Status.PASSED.value, "message": "", "location": ""}
