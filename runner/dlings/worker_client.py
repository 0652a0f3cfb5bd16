"""The TUI's side of the warm worker: start it, send checks, receive events (asyncio)."""
from __future__ import annotations

import asyncio
import json
import os
import sys
import tempfile
import typing
from typing import Awaitable, Callable

from dlings.engine import CheckJob
from dlings.verdict import Status, Verdict

EventHandler = Callable[[dict], Awaitable[None] | None]

# Started with -c rather than -m, dropping '' from sys.path before anything is
# imported: a learner's numpy.py or torch.py in the workspace must not shadow
# the real library in the checker.
WORKER_BOOTSTRAP = "import sys; sys.path[:] = [p for p in sys.path if p]; from dlings.worker import main; main()"
STDERR_TAIL = 2000


class WorkerClient:
    """Owns one `python -m dlings.worker` process; restarts it if it dies."""

    def __init__(self, on_event: EventHandler):
        self._on_event = on_event
        self._process: asyncio.subprocess.Process | None = None
        self._reader: asyncio.Task | None = None
        self._next_id = 0
        self._in_flight: dict[int, CheckJob] = {}
        self.ready = False
        self.pid: int | None = None
        self._stderr: typing.IO[bytes] | None = None
        self._failed_starts = 0

    async def start(self) -> None:
        env = dict(os.environ, PYTHONUNBUFFERED="1")
        if self._stderr is not None:
            self._stderr.close()
        self._stderr = tempfile.TemporaryFile()
        self._process = await asyncio.create_subprocess_exec(
            sys.executable, "-c", WORKER_BOOTSTRAP,
            stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE, stderr=self._stderr,
            env=env, start_new_session=True,
        )
        self.pid = self._process.pid
        self.ready = False
        self._reader = asyncio.create_task(self._read_events())

    async def _read_events(self) -> None:
        assert self._process is not None and self._process.stdout is not None
        stdout = self._process.stdout
        while True:
            try:
                line = await stdout.readline()
            except (ValueError, asyncio.LimitOverrunError):
                continue
            if not line:
                break
            try:
                event = json.loads(line)
            except ValueError:
                continue
            if event.get("event") == "ready":
                self.ready = True
                self._failed_starts = 0
            if event.get("event") in ("verdict", "cancelled"):
                self._in_flight.pop(event.get("id"), None)
            await self._dispatch(event)
        await self._worker_died()

    async def _dispatch(self, event: dict) -> None:
        result = self._on_event(event)
        if asyncio.iscoroutine(result):
            await result

    async def _worker_died(self) -> None:
        if self._process is None:
            return
        code = await self._process.wait()
        why = self.stderr_tail()
        if not self.ready:
            self._failed_starts += 1
        give_up = self._failed_starts >= 2  # it cannot even start: restarting would loop forever
        stranded = list(self._in_flight.items())
        self._in_flight.clear()
        for check_id, job in stranded:
            verdict = Verdict(job.name, Status.CRASHED,
                              f"The checker process stopped (exit code {code}) while checking this exercise. "
                              + ("" if give_up else "dlings restarted it; save again or press r.")
                              + (f"\nIts last words:\n{why}" if why else ""))
            await self._dispatch({"event": "verdict", "id": check_id, "verdict": verdict.to_dict()})
        if self._process is not None:  # not a deliberate stop
            await self._dispatch({"event": "restarted", "code": code, "stderr": why, "gave_up": give_up})
            if not give_up:
                await self.start()

    def stderr_tail(self) -> str:
        """The end of what the checker printed to stderr (why it died, usually)."""
        if self._stderr is None:
            return ""
        try:
            self._stderr.seek(0, os.SEEK_END)
            size = self._stderr.tell()
            self._stderr.seek(max(0, size - STDERR_TAIL))
            return self._stderr.read().decode("utf-8", "replace").strip()
        except (OSError, ValueError):
            return ""

    async def check(self, job: CheckJob) -> int:
        self._next_id += 1
        self._in_flight[self._next_id] = job
        await self._send({"op": "check", "id": self._next_id, "job": job.to_dict()})
        return self._next_id

    async def cancel(self) -> None:
        await self._send({"op": "cancel"})

    async def _send(self, request: dict) -> None:
        if self._process is None or self._process.stdin is None:
            return
        try:
            self._process.stdin.write((json.dumps(request) + "\n").encode())
            await self._process.stdin.drain()
        except (BrokenPipeError, ConnectionResetError):
            pass

    async def stop(self) -> None:
        """Stop the worker and its check, and wait for them (no stray processes)."""
        process, self._process = self._process, None
        if process is None:
            return
        if self._reader:
            self._reader.cancel()
        try:
            if process.stdin:
                process.stdin.write(b'{"op": "quit"}\n')
                process.stdin.close()
            await asyncio.wait_for(process.wait(), timeout=2)
        except (asyncio.TimeoutError, BrokenPipeError, ConnectionResetError):
            pass
        if process.returncode is None:
            try:
                os.killpg(process.pid, 9)
            except (ProcessLookupError, PermissionError):
                pass
            await process.wait()
