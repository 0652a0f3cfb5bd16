"""The fork engine: each check is a forked child of this warm process (Linux default).

A fork starts with torch, pytest and the helpers already imported, so a check
begins in a few milliseconds. Forking after torch has started threads or
system frameworks is unsafe on macOS, and Windows has no fork: there the pool
engine is used.
"""
from __future__ import annotations

import os
import select

from dlings.engine import core
from dlings.engine.core import CheckJob, Engine, Process, RunningCheck


class ForkedProcess(Process):
    def __init__(self, pid: int, metrics_fd: int):
        self.pid = pid
        self.metrics_fd = metrics_fd
        try:
            self.pidfd: int | None = os.pidfd_open(pid)
        except (AttributeError, OSError):
            self.pidfd = None
        self._ended: tuple[int | None, int | None] | None = None

    def fds(self) -> list[int]:
        return [self.metrics_fd] + ([self.pidfd] if self.pidfd is not None else [])

    def wait(self, seconds: float) -> None:
        select.select(self.fds(), [], [], seconds)

    def read_metrics(self) -> bytes:
        data = b""
        while True:
            try:
                chunk = os.read(self.metrics_fd, 65536)
            except OSError:  # BlockingIOError included: nothing more for now
                break
            if not chunk:
                break
            data += chunk
        return data

    def ended(self) -> tuple[int | None, int | None] | None:
        if self._ended is None:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid == 0:
                return None
            if os.WIFSIGNALED(status):
                self._ended = (None, os.WTERMSIG(status))
            else:
                self._ended = (os.WEXITSTATUS(status) if os.WIFEXITED(status) else -1, None)
        return self._ended

    def release(self) -> None:
        for fd in self.fds():
            try:
                os.close(fd)
            except OSError:
                pass


class ForkEngine(Engine):
    """Checks run in forked children of this process (warmed on first use)."""

    name = "fork"

    def prepare(self) -> float:
        """Import and warm torch here once; returns the seconds it took."""
        return core.warm_up()

    def _launch(self, job: CheckJob, result_path: str, output_path: str, metrics_path: str) -> Process:
        if not core.is_warm():  # `dlings run`: one check loads the rest of what it needs itself
            core.warm_up(only=("imports",))
        read_fd, write_fd = os.pipe()
        pid = os.fork()
        if pid == 0:  # child
            os.close(read_fd)
            from dlings.engine.child import child_main

            child_main(job.to_dict(), result_path, output_path, write_fd, new_session=True)
        os.close(write_fd)
        os.set_blocking(read_fd, False)
        return ForkedProcess(pid, read_fd)

    def _wait_any(self, active: list[RunningCheck], seconds: float) -> None:
        fds = [fd for running in active for fd in running.process.fds()]  # type: ignore[attr-defined]
        if fds:
            select.select(fds, [], [], seconds)
