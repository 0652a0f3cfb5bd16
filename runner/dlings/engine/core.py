"""Run checks in limited child processes, and turn how they ended into a verdict.

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
import signal
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from dlings.verdict import Status, Verdict
from dlings.verdicts import ProcessEnd, verdict_from

POLL_SECONDS = 0.05
OUTPUT_HEAD = 48 * 1024
OUTPUT_TAIL = 16 * 1024

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
    import dlings.engine.tamper  # noqa: F401
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
                 "_pytest.terminal", "_pytest.assertion.rewrite"]
        # torch._dynamo is imported by the first error that mixes a meta tensor with a real one
        # (seconds and ~900 modules): once here rather than in every check that makes that mistake.
        names += ["torchvision", "torch._dynamo"] if full else []
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


def is_warm() -> bool:
    """Whether what every check needs is imported here (the rest may warm later)."""
    return "imports" in _warmed


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


class Process:
    """One check process as an engine sees it: wait for it, read its metrics, learn how it ended."""

    pid: int

    def wait(self, seconds: float) -> None:
        """Return after `seconds`, or sooner when the process ends or writes a metric."""
        raise NotImplementedError

    def read_metrics(self) -> bytes:
        raise NotImplementedError

    def ended(self) -> tuple[int | None, int | None] | None:
        """None while running; then (exit code, signal number), one of them None."""
        raise NotImplementedError

    def release(self) -> None:
        """Close what the engine held open for this process."""


@dataclass
class RunningCheck:
    job: CheckJob
    process: Process
    started: float
    result_path: str
    output_path: str
    guarded: dict[str, bytes | None]
    on_metric: Callable[[str, float, int | None], None] | None = None
    on_event: Callable[[dict], None] | None = None   # {"kind": "target"|"progress", ...}
    killed_for: Status | None = None
    metrics_buffer: bytes = b""

    @property
    def pid(self) -> int:
        return self.process.pid


def _read_guarded(paths: Iterable[str]) -> dict[str, bytes | None]:
    saved: dict[str, bytes | None] = {}
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


TMP_PREFIX = "dlings-checks-"


def remove_stale_temp_dirs() -> None:
    """Remove check folders left by engines whose process is gone (killed, power cut)."""
    import shutil

    from dlings.engine.processes import alive

    base = Path(tempfile.gettempdir())
    for folder in base.glob(f"{TMP_PREFIX}*"):
        owner = folder.name[len(TMP_PREFIX):].split("-", 1)[0]
        try:
            if owner.isdigit():
                stale = not alive(int(owner))
            else:  # an older name without the owner: leave it a day
                stale = time.time() - folder.stat().st_mtime > 86400
            if stale and folder.is_dir() and folder.stat().st_uid == os.getuid():
                shutil.rmtree(folder, ignore_errors=True)
        except OSError:
            continue


class Engine:
    """Starts and supervises check processes. Use from one thread only.

    Subclasses say how a check process starts (`_launch`): `ForkEngine` forks
    this warm process; `PoolEngine` hands the job to a spare interpreter that
    warmed up on its own. Everything else (limits, timeouts, reading the
    verdict, restoring guarded files) is shared here.

    `reap_orphans` (for processes that own their children: the worker and the
    CLI) makes this process a child subreaper, so whatever a check leaves
    running, even a detached `Popen(start_new_session=True)`, is killed when
    the check ends.
    """

    def __init__(self, reap_orphans: bool = False) -> None:
        remove_stale_temp_dirs()
        self._tmp = tempfile.mkdtemp(prefix=f"{TMP_PREFIX}{os.getpid()}-")
        self._counter = 0
        self._active: set[int] = set()
        self._reap = False
        if reap_orphans:
            from dlings.engine.processes import become_subreaper

            self._reap = become_subreaper()

    name = "base"

    def prepare(self) -> float:
        """Get ready for the first check (warm up); returns the seconds it took."""
        return 0.0

    def _own_processes(self) -> set[int]:
        """Children of this process that the engine itself keeps (the pool's spares): never strays."""
        return set()

    def close(self) -> None:
        import shutil

        shutil.rmtree(self._tmp, ignore_errors=True)

    # -- one check -------------------------------------------------------------------------
    def run(self, job: CheckJob, on_metric: Callable[[str, float, int | None], None] | None = None,
            on_event: Callable[[dict], None] | None = None) -> Verdict:
        running = self._start(job, on_metric, on_event)
        try:
            while True:
                verdict = self._step(running, POLL_SECONDS)
                if verdict is not None:
                    return verdict
        except BaseException:  # Ctrl-C in `dlings run`: take the check's whole tree down first
            self._kill(running, Status.BROKEN)
            self._step(running, POLL_SECONDS)
            raise

    # -- many checks, `parallel` at a time ------------------------------------------------
    def run_many(self, jobs: list[CheckJob], parallel: int,
                 on_done: Callable[[CheckJob, Verdict], None]) -> None:
        pending = list(jobs)
        active: list[RunningCheck] = []
        while pending or active:
            while pending and len(active) < parallel:
                active.append(self._start(pending.pop(0), None))
            self._wait_any(active, POLL_SECONDS)
            for running in list(active):
                verdict = self._step(running, 0)
                if verdict is not None:
                    active.remove(running)
                    on_done(running.job, verdict)

    def _wait_any(self, active: list[RunningCheck], seconds: float) -> None:
        if active:
            active[0].process.wait(seconds / max(1, len(active)))
        else:
            time.sleep(seconds / 5)

    # -- one check, driven by the caller (the worker's event loop) --------------------------
    def start(self, job: CheckJob, on_metric: Callable[[str, float, int | None], None] | None = None,
              on_event: Callable[[dict], None] | None = None) -> RunningCheck:
        return self._start(job, on_metric, on_event)

    def step(self, running: "RunningCheck", wait: float) -> Verdict | None:
        return self._step(running, wait)

    def cancel(self, running: "RunningCheck") -> Verdict:
        """Stop a check whose result is no longer wanted; returns once it is reaped."""
        self._kill(running, Status.BROKEN)
        while True:
            verdict = self._step(running, POLL_SECONDS)
            if verdict is not None:
                return verdict

    # -- internals -------------------------------------------------------------------------
    def _start(self, job: CheckJob, on_metric, on_event=None) -> RunningCheck:
        self._counter += 1
        base = os.path.join(self._tmp, f"{self._counter}")
        result_path, output_path = base + ".json", base + ".out"
        guarded = _read_guarded(job.guarded_files)
        process = self._launch(job, result_path, output_path, base + ".metrics")
        self._active.add(process.pid)
        return RunningCheck(job, process, time.perf_counter(), result_path, output_path, guarded, on_metric, on_event)

    def _launch(self, job: CheckJob, result_path: str, output_path: str, metrics_path: str) -> Process:
        raise NotImplementedError

    def _drain_metrics(self, running: RunningCheck) -> None:
        running.metrics_buffer += running.process.read_metrics()
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

    def _kill(self, running: RunningCheck, reason: Status) -> None:
        running.killed_for = reason
        from dlings.engine.processes import kill_tree

        kill_tree(running.pid)  # descendants that left its process group too
        for kill in (lambda: os.killpg(running.pid, signal.SIGKILL), lambda: os.kill(running.pid, signal.SIGKILL)):
            try:
                kill()
            except (ProcessLookupError, PermissionError):
                pass

    def _step(self, running: RunningCheck, wait: float) -> Verdict | None:
        if wait:
            running.process.wait(wait)
        self._drain_metrics(running)
        ended = running.process.ended()
        elapsed = time.perf_counter() - running.started
        if ended is None:
            limit = running.job.memory_mb * 2**20
            rss = _rss_bytes(running.pid)
            if elapsed > running.job.timeout:
                self._kill(running, Status.TIMEOUT)
            elif rss > limit + 1024 * 2**20:
                # The address-space limit stops most runaway allocations; this catches the
                # rest (CUDA checks run without that limit).
                self._kill(running, Status.OUT_OF_MEMORY)
            return None
        return self._finish(running, ended, elapsed)

    def _finish(self, running: RunningCheck, ended: tuple[int | None, int | None], elapsed: float) -> Verdict:
        try:  # grandchildren (data loader workers, spawned ranks) go with their check
            os.killpg(running.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        self._active.discard(running.pid)
        if self._reap:  # and so does anything they detached, now reparented to us
            from dlings.engine.processes import kill_orphans

            kill_orphans(keep=self._active | self._own_processes())
        self._drain_metrics(running)
        running.process.release()
        job = running.job
        output = _read_output(running.output_path)
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

        end = ProcessEnd(exit_code=ended[0], signal=ended[1], killed_for=running.killed_for, result=result,
                         output=output, tampered=tuple(tampered), seconds=elapsed)
        return verdict_from(job.name, job.timeout, job.memory_mb, end)

    def _restore_guarded(self, running: RunningCheck) -> list[str]:
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

