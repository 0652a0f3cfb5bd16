"""The pool engine: checks run in spare interpreters that warmed up on their own.

No fork: each spare is a fresh `python` that imports torch and the helpers,
then waits. A check goes to a warm spare, which runs it once and exits, and a
replacement starts warming at once. With a spare ready, a save is judged as
fast as with fork; when saves outrun warm-up, `waiting_for_spare` says so.
The default on macOS (fork after torch is unsafe there) and Windows (no fork).
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time

from dlings.engine.core import CheckJob, Engine, Process
from dlings.engine.processes import python_module_command

WAIT_STEP = 0.01


class _Spare:
    """A warming or warm interpreter, not yet given a job."""

    def __init__(self, folder: str):
        self.stderr = tempfile.TemporaryFile(dir=folder)
        flags = {"start_new_session": True} if os.name == "posix" else {
            "creationflags": getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0)}
        self.popen = subprocess.Popen(
            python_module_command("dlings.engine.spare"), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=self.stderr, env=dict(os.environ, PYTHONUNBUFFERED="1"), **flags,
        )
        self.started = time.perf_counter()
        self.ready = False
        assert self.popen.stdin is not None and self.popen.stdout is not None  # both are PIPEs
        self.stdin, self.stdout = self.popen.stdin, self.popen.stdout

    def wait_ready(self, timeout: float) -> bool:
        """Block until the spare says it is warm (or dies, or `timeout` passes)."""
        if self.ready:
            return True
        if os.name == "posix":
            import select

            readable, _, _ = select.select([self.stdout], [], [], timeout)
            if not readable:
                return False
        line = self.stdout.readline()
        self.ready = line.strip() == b"ready"
        return self.ready

    def last_words(self) -> str:
        try:
            self.stderr.seek(0)
            return self.stderr.read()[-1500:].decode("utf-8", "replace").strip()
        except (OSError, ValueError):
            return ""

    def stop(self) -> None:
        try:
            self.popen.kill()
            self.popen.wait(timeout=5)
        except (OSError, subprocess.TimeoutExpired):
            pass
        self.stderr.close()


class PooledProcess(Process):
    def __init__(self, spare: _Spare, metrics_path: str):
        self.spare = spare
        self.pid = spare.popen.pid
        self.metrics_path = metrics_path
        self._offset = 0

    def wait(self, seconds: float) -> None:
        deadline = time.perf_counter() + seconds
        while time.perf_counter() < deadline and self.spare.popen.poll() is None:
            if self._has_metrics():
                return
            time.sleep(min(WAIT_STEP, max(0.0, deadline - time.perf_counter())))

    def _has_metrics(self) -> bool:
        try:
            return os.path.getsize(self.metrics_path) > self._offset
        except OSError:
            return False

    def read_metrics(self) -> bytes:
        try:
            with open(self.metrics_path, "rb") as handle:
                handle.seek(self._offset)
                data = handle.read()
        except OSError:
            return b""
        self._offset += len(data)
        return data

    def ended(self) -> tuple[int | None, int | None] | None:
        code = self.spare.popen.poll()
        if code is None:
            return None
        if code < 0:
            return None, -code
        return code, None

    def release(self) -> None:
        for stream in (self.spare.stdin, self.spare.stdout):
            try:
                stream.close()
            except (OSError, AttributeError):
                pass
        self.spare.stderr.close()
        try:
            os.unlink(self.metrics_path)
        except OSError:
            pass


class PoolEngine(Engine):
    """Checks run in pre-warmed spare interpreters, `spares` kept ready."""

    name = "pool"

    def __init__(self, reap_orphans: bool = False, spares: int = 1, warm_timeout: float = 120.0) -> None:
        super().__init__(reap_orphans=reap_orphans)
        self._want = max(1, spares)
        self._warm_timeout = warm_timeout
        self._spares: list[_Spare] = []
        self.waiting_for_spare = False
        self._fill()

    def _fill(self) -> None:
        while len(self._spares) < self._want:
            self._spares.append(_Spare(self._tmp))

    def _take_spare(self) -> _Spare:
        self._fill()
        spare = self._spares.pop(0)
        self.waiting_for_spare = True
        try:
            for _ in range(2):
                if spare.wait_ready(self._warm_timeout):
                    return spare
                words = spare.last_words()
                spare.stop()
                spare = _Spare(self._tmp)
            raise RuntimeError(f"a spare check process could not start: {words or 'no output'}")
        finally:
            self.waiting_for_spare = False
            self._fill()

    def prepare(self) -> float:
        """Wait until the first spare is warm; returns the seconds waited."""
        started = time.perf_counter()
        self._fill()
        self._spares[0].wait_ready(self._warm_timeout)
        return time.perf_counter() - started

    def _own_processes(self) -> set[int]:
        return {spare.popen.pid for spare in self._spares}

    def _launch(self, job: CheckJob, result_path: str, output_path: str, metrics_path: str) -> Process:
        spare = self._take_spare()
        request = {"job": job.to_dict(), "result": result_path, "output": output_path, "metrics": metrics_path}
        spare.stdin.write((json.dumps(request) + "\n").encode())
        spare.stdin.flush()
        return PooledProcess(spare, metrics_path)

    def run_many(self, jobs, parallel, on_done) -> None:
        self._want = max(self._want, parallel)
        self._fill()
        super().run_many(jobs, parallel, on_done)

    def close(self) -> None:
        for spare in self._spares:
            spare.stop()
        self._spares = []
        super().close()


def default_engine_name() -> tuple[str, str]:
    """Which engine to use here, and why (for `dlings doctor`)."""
    chosen = os.environ.get("DLINGS_ENGINE", "").strip().lower()
    if chosen in ("fork", "pool"):
        return chosen, f"DLINGS_ENGINE={chosen}"
    if not hasattr(os, "fork"):
        return "pool", "this system has no fork"
    if sys.platform == "darwin":
        return "pool", "forking after torch is initialised is unsafe on macOS"
    return "fork", "fork is fastest on Linux"


