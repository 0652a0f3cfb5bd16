"""Run checks in forked, limited child processes of a warm process.

`warm_up()` imports torch, pytest and the checking helpers once, and runs the
lazy first-call paths (assert_close, autograd) so a forked child starts with
everything loaded. `Engine.run(job)` forks one child per check and waits for
it with a time limit, killing the whole process group on timeout; a crash,
abort or `os._exit` becomes a verdict, never an exception here.

torch's OpenMP pool must never start in this process: a child forked after
it has run hangs in its first parallel op. The warm process therefore runs
with one thread; each child sets its own thread count.
"""
from __future__ import annotations

import json
import os
import select
import signal
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from dlings.learner_errors import OOM_PATTERNS
from dlings.verdict import Status, Verdict

POLL_SECONDS = 0.05
OUTPUT_HEAD = 48 * 1024
OUTPUT_TAIL = 16 * 1024
SIGNAL_WORDS = {
    signal.SIGSEGV: "a segmentation fault (memory access outside what the process owns)",
    signal.SIGABRT: "an abort (os.abort(), or a failed C++ assertion inside a library)",
    signal.SIGKILL: "being killed (SIGKILL)",
    signal.SIGBUS: "a bus error",
    signal.SIGFPE: "a floating-point exception in native code",
    signal.SIGILL: "an illegal instruction",
}

_warmed: set[str] = set()


def _import_essentials() -> None:
    os.environ.setdefault("PYTEST_DISABLE_PLUGIN_AUTOLOAD", "1")
    os.environ.setdefault("PYTHONDONTWRITEBYTECODE", "1")
    import torch

    torch.set_num_threads(1)
    import pytest  # noqa: F401
    import torch.nn.functional  # noqa: F401
    import torch.testing  # noqa: F401

    import dlings.learner_errors  # noqa: F401
    import dlings.pytest_plugin  # noqa: F401
    import dlings.tamper  # noqa: F401
    import dlings.testing  # noqa: F401


def _first_calls() -> None:
    import torch
    import torch.nn.functional as F

    import dlings.testing as testing

    a = torch.randn(4, 3, requires_grad=True)
    F.softmax(a @ a.T, dim=1).sum().backward()
    testing.expect_close(a.detach(), a.detach().clone())
    torch.nn.Linear(3, 2)(a).sum()


def _assert_close() -> None:
    import torch

    a = torch.randn(3)
    # Its first call imports torch.distributed.tensor and sympy: about half an `import torch`.
    torch.testing.assert_close(a, a.clone())


def _layers() -> None:
    import torch
    import torch.nn.functional as F

    # oneDNN sets itself up on the first convolution: about a second, once, here rather than per check.
    F.max_pool2d(F.conv2d(torch.randn(1, 2, 6, 6), torch.randn(3, 2, 3, 3), padding=1), 2).sum()
    torch.nn.BatchNorm2d(3)(torch.randn(2, 3, 4, 4)).sum()


def _optimizer() -> None:
    import torch

    a = torch.zeros(3, requires_grad=True)
    a.sum().backward()
    torch.optim.SGD([a], lr=0.1).step()  # imports torch._dynamo and triton: seconds


def _modules(full: bool) -> Callable[[], None]:
    def load() -> None:
        names = ["torch.utils.data", "torch.distributions", "numpy", "_pytest.python", "_pytest.fixtures",
                 "_pytest.terminal", "_pytest.assertion.rewrite"] + (["torchvision"] if full else [])
        for module in names:
            try:
                __import__(module)
            except Exception:  # noqa: BLE001 - optional speed-ups only
                pass
    return load


def _freeze() -> None:
    import gc

    gc.collect()
    gc.freeze()  # children skip the warm heap when they collect, and share its pages untouched


def warm_up_steps(full: bool = True) -> list[tuple[str, Callable[[], None]]]:
    """The warm-up as named steps, cheapest and most needed first.

    "imports" is what every check needs; "first_calls" runs the cheap lazy
    first-call paths of autograd and dlings.testing. The rest (assert_close's
    sympy, convolutions, the optimizer's dynamo import, torchvision) can wait:
    the watcher runs them between checks once the first verdict is out.
    """
    steps = [("imports", _import_essentials), ("first_calls", _first_calls), ("assert_close", _assert_close),
             ("layers", _layers)]
    if full:
        steps.append(("optimizer", _optimizer))
    steps += [("modules" if full else "modules_light", _modules(full)), ("freeze", _freeze)]
    return steps


def warm_up(full: bool = True, only: Iterable[str] | None = None) -> float:
    """Import and exercise what checks use; returns the seconds it took.

    `full` also runs an optimizer step and imports torchvision (a second or
    two more). Both pull in triton, whose bindings complain at interpreter
    exit, so a process that ends normally (the runner's tests) leaves them out;
    the CLI and the worker end with os._exit. `only` runs just the named steps
    (see warm_up_steps); steps already run are skipped.
    """
    started = time.perf_counter()
    wanted = None if only is None else set(only)
    for name, step in warm_up_steps(full):
        if name in _warmed or (wanted is not None and name not in wanted):
            continue
        step()
        _warmed.add(name)
    return time.perf_counter() - started


@dataclass
class CheckJob:
    name: str
    check_file: str
    exercise_file: str
    display_path: str
    needs: tuple[str, ...] = ()
    timeout: float = 10.0
    memory_mb: int = 3072
    threads: int | None = None
    guarded_files: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class _Running:
    job: CheckJob
    pid: int
    started: float
    result_path: str
    output_path: str
    metrics_fd: int
    pidfd: int | None
    guarded: dict[str, bytes | None]
    on_metric: Callable[[str, float, int | None], None] | None = None
    on_event: Callable[[dict], None] | None = None   # {"kind": "target"|"progress", ...}
    killed_for: Status | None = None
    metrics_buffer: bytes = b""


def _read_guarded(paths: Iterable[str]) -> dict[str, bytes | None]:
    saved = {}
    for path in paths:
        try:
            saved[path] = Path(path).read_bytes()
        except OSError:
            saved[path] = None
    return saved


def _rss_bytes(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def _read_output(path: str) -> str:
    try:
        size = os.path.getsize(path)
        with open(path, "rb") as handle:
            if size <= OUTPUT_HEAD + OUTPUT_TAIL:
                return handle.read().decode("utf-8", "replace")
            head = handle.read(OUTPUT_HEAD)
            handle.seek(size - OUTPUT_TAIL)
            tail = handle.read()
        cut = size - OUTPUT_HEAD - OUTPUT_TAIL
        return (head.decode("utf-8", "replace") + f"\n\n[... {cut:,} bytes of output left out ...]\n\n"
                + tail.decode("utf-8", "replace"))
    except OSError:
        return ""


class Engine:
    """Forks and supervises check processes. Use from one thread only."""

    def __init__(self) -> None:
        self._tmp = tempfile.mkdtemp(prefix="dlings-checks-")
        self._counter = 0

    def close(self) -> None:
        import shutil

        shutil.rmtree(self._tmp, ignore_errors=True)

    # -- one check -------------------------------------------------------------------------
    def run(self, job: CheckJob, on_metric: Callable[[str, float, int | None], None] | None = None,
            on_event: Callable[[dict], None] | None = None) -> Verdict:
        running = self._start(job, on_metric, on_event)
        while True:
            verdict = self._step(running, POLL_SECONDS)
            if verdict is not None:
                return verdict

    # -- many checks, `parallel` at a time ------------------------------------------------
    def run_many(self, jobs: list[CheckJob], parallel: int,
                 on_done: Callable[[CheckJob, Verdict], None]) -> None:
        pending = list(jobs)
        active: list[_Running] = []
        while pending or active:
            while pending and len(active) < parallel:
                active.append(self._start(pending.pop(0), None))
            fds = [r.pidfd for r in active if r.pidfd is not None]
            if fds:
                select.select(fds, [], [], POLL_SECONDS)
            else:
                time.sleep(POLL_SECONDS / 5)
            for running in list(active):
                verdict = self._step(running, 0)
                if verdict is not None:
                    active.remove(running)
                    on_done(running.job, verdict)

    # -- one check, driven by the caller (the worker's event loop) --------------------------
    def start(self, job: CheckJob, on_metric: Callable[[str, float, int | None], None] | None = None,
              on_event: Callable[[dict], None] | None = None) -> "_Running":
        return self._start(job, on_metric, on_event)

    def step(self, running: "_Running", wait: float) -> Verdict | None:
        return self._step(running, wait)

    def cancel(self, running: "_Running") -> Verdict:
        """Stop a check whose result is no longer wanted; returns once it is reaped."""
        self._kill(running, Status.BROKEN)
        while True:
            verdict = self._step(running, POLL_SECONDS)
            if verdict is not None:
                return verdict

    # -- internals -------------------------------------------------------------------------
    def _start(self, job: CheckJob, on_metric, on_event=None) -> _Running:
        if not _warmed:
            warm_up()
        self._counter += 1
        base = os.path.join(self._tmp, f"{self._counter}")
        result_path, output_path = base + ".json", base + ".out"
        guarded = _read_guarded(job.guarded_files)
        read_fd, write_fd = os.pipe()
        pid = os.fork()
        if pid == 0:  # child
            os.close(read_fd)
            from dlings.check_child import child_main

            child_main(job.to_dict(), result_path, output_path, write_fd)
        os.close(write_fd)
        os.set_blocking(read_fd, False)
        try:
            pidfd = os.pidfd_open(pid)
        except (AttributeError, OSError):
            pidfd = None
        return _Running(job, pid, time.perf_counter(), result_path, output_path, read_fd, pidfd, guarded,
                        on_metric, on_event)

    def _drain_metrics(self, running: _Running) -> None:
        while True:
            try:
                chunk = os.read(running.metrics_fd, 65536)
            except BlockingIOError:
                break
            except OSError:
                break
            if not chunk:
                break
            running.metrics_buffer += chunk
        *lines, running.metrics_buffer = running.metrics_buffer.split(b"\n")
        if running.on_metric or running.on_event:
            for line in lines:
                try:
                    item = json.loads(line)
                    if item.get("kind", "metric") != "metric":
                        if running.on_event:
                            running.on_event(item)
                        continue
                    if running.on_metric:
                        running.on_metric(item["metric"], float(item["value"]), item.get("step"))
                except (ValueError, KeyError, TypeError, AttributeError):
                    continue

    def _kill(self, running: _Running, reason: Status) -> None:
        running.killed_for = reason
        for kill in (lambda: os.killpg(running.pid, signal.SIGKILL), lambda: os.kill(running.pid, signal.SIGKILL)):
            try:
                kill()
            except (ProcessLookupError, PermissionError):
                pass

    def _step(self, running: _Running, wait: float) -> Verdict | None:
        readable = [running.metrics_fd] + ([running.pidfd] if running.pidfd is not None else [])
        if wait:
            select.select(readable, [], [], wait)
        self._drain_metrics(running)
        pid, status = os.waitpid(running.pid, os.WNOHANG)
        elapsed = time.perf_counter() - running.started
        if pid == 0:
            limit = running.job.memory_mb * 2**20
            rss = _rss_bytes(running.pid)
            if elapsed > running.job.timeout:
                self._kill(running, Status.TIMEOUT)
            elif rss > limit + 1024 * 2**20:
                # The address-space limit stops most runaway allocations; this catches the
                # rest (CUDA checks run without that limit).
                self._kill(running, Status.OUT_OF_MEMORY)
            return None
        return self._finish(running, status, elapsed)

    def _finish(self, running: _Running, status: int, elapsed: float) -> Verdict:
        try:  # grandchildren (data loader workers, spawned ranks) go with their check
            os.killpg(running.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        self._drain_metrics(running)
        os.close(running.metrics_fd)
        if running.pidfd is not None:
            os.close(running.pidfd)
        job = running.job
        output = _read_output(running.output_path)
        verdict = Verdict(name=job.name, status=Status.CRASHED, duration=elapsed, output=output)
        tampered = self._restore_guarded(running)
        result = None
        try:
            with open(running.result_path, encoding="utf-8") as handle:
                result = json.load(handle)
        except (OSError, ValueError):
            result = None
        for path in (running.result_path, running.output_path):
            try:
                os.unlink(path)
            except OSError:
                pass

        if running.killed_for is Status.TIMEOUT:
            verdict.status = Status.TIMEOUT
            verdict.message = (
                f"Your code ran longer than {job.timeout:g} s, so the check was stopped.\n"
                "Likely cause: a loop that never ends (a while whose condition never turns False), "
                "or far more work than the exercise needs (huge sizes, too many steps)."
            )
        elif running.killed_for is Status.OUT_OF_MEMORY:
            verdict.status = Status.OUT_OF_MEMORY
            verdict.message = (
                f"Your code used more than {job.memory_mb} MiB of memory, so the check was stopped.\n"
                "Likely cause: a tensor far larger than intended, or tensors kept alive in a loop."
            )
        elif running.killed_for is Status.BROKEN:
            verdict.status = Status.BROKEN
            verdict.message = "The check was cancelled."
        elif result is not None and result["status"] == Status.BROKEN.value and OOM_PATTERNS.search(output):
            # Memory ran out so thoroughly that pytest itself failed while reporting it.
            verdict.status = Status.OUT_OF_MEMORY
            verdict.message = (
                f"Your code used up the {job.memory_mb} MiB of memory this exercise allows.\n"
                "Likely cause: a tensor far larger than intended, or tensors kept alive in a loop."
            )
        elif result is not None:
            verdict.status = Status(result["status"])
            verdict.message = result.get("message", "")
            verdict.location = result.get("location", "")
            verdict.tests_total = result.get("tests_total", 0)
            verdict.tests_failed = result.get("tests_failed", 0)
            verdict.metrics = result.get("metrics", {})
            if result.get("dropped_output"):
                verdict.output += f"\n[dlings: {result['dropped_output']:,} more characters of printed output were dropped]"
        else:
            verdict.message = self._crash_message(status)
        if tampered:
            verdict.status = Status.FAILED
            verdict.message = (
                f"Your code changed {', '.join(tampered)} while it was being checked. dlings put the original back; "
                "checks judge your results, so remove the code that writes there."
            )
        return verdict

    def _restore_guarded(self, running: _Running) -> list[str]:
        changed = []
        for path, content in running.guarded.items():
            try:
                now = Path(path).read_bytes()
            except OSError:
                now = None
            if now != content:
                changed.append(os.path.basename(path))
                if content is not None:
                    Path(path).write_bytes(content)
        return changed

    @staticmethod
    def _crash_message(status: int) -> str:
        if os.WIFSIGNALED(status):
            sig = os.WTERMSIG(status)
            try:
                name = signal.Signals(sig).name
            except ValueError:
                name = f"signal {sig}"
            what = SIGNAL_WORDS.get(sig, name)
            return (f"The check process crashed: it ended with {what} [{name}].\n"
                    "Likely cause: code that ends the process (os.abort, ctypes), or a native library failing "
                    "on unexpected input. Nothing was judged.")
        code = os.WEXITSTATUS(status) if os.WIFEXITED(status) else -1
        return (f"The check process ended early with exit code {code} before a verdict was written.\n"
                "Likely cause: your code calls os._exit() or exit() somewhere it runs. Remove it.")
