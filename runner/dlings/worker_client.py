"""The UI's side of the checker: the warm process that runs checks (`python -m dlings.worker`).

`CheckerClient` starts the checker as early as it can (before the UI is built,
so torch loads while the screen is drawn), sends it check requests, and hands
every event it answers with to a `sink`, in batches, on a reader thread. The
UI's sink turns them into typed messages (dlings.tui.messages), so all the
handling happens in the UI's message pump and a failure there is shown, never
lost in a background task.

The protocol is one JSON object per line both ways; JSON escapes newlines, so
a line is a frame. Lines are read whole however long they are (a verdict
carrying a learner's 200 KiB of prints is one line), up to MAX_FRAME; a longer
one is reported, never skipped in silence.

The client also keeps the checker honest: a check that has not answered by its
time limit plus HANG_GRACE (the checker was stopped with SIGSTOP, or hangs) is
ended by killing the checker, and the check gets a timeout verdict; a checker
that dies is restarted (with a growing pause if it keeps dying at start) and
its last words on stderr are passed on.
"""
from __future__ import annotations

import collections
import json
import os
import queue
import select
import signal
import subprocess
import threading
import time
from dataclasses import dataclass
from typing import Callable

from dlings.engine import CheckJob
from dlings.engine.processes import python_module_command
from dlings.verdict import Status, Verdict

Sink = Callable[[list[dict]], None]

MAX_FRAME = 64 * 2**20      # a longer line is reported and dropped
HANG_GRACE = 3.0            # seconds past a check's time limit before the checker counts as hung
STDERR_TAIL = 4096
QUICK_DEATH = 10.0          # a checker that dies this soon after starting is restarted after a pause


def checker_command() -> list[str]:
    """How to start the checker, without the current folder on its import path
    (a learner's numpy.py in the workspace must not shadow numpy)."""
    return python_module_command("dlings.worker")


@dataclass
class _InFlight:
    job: CheckJob
    deadline: float | None = None   # set when the checker says it started the check


class FrameReader:
    """Splits a byte stream into lines of any length; longer than `limit` is reported as too long."""

    def __init__(self, limit: int = MAX_FRAME):
        self.limit = limit
        self._buffer = bytearray()
        self._skipping = 0   # bytes of an over-long line dropped so far

    def feed(self, chunk: bytes) -> list[bytes | int]:
        """The complete lines in `chunk` (bytes), or for an over-long line its size (int)."""
        out: list[bytes | int] = []
        start = 0
        while True:
            end = chunk.find(b"\n", start)
            if end < 0:
                rest = chunk[start:]
                if self._skipping:
                    self._skipping += len(rest)
                else:
                    self._buffer += rest
                    if len(self._buffer) > self.limit:
                        self._skipping = len(self._buffer)
                        self._buffer.clear()
                return out
            piece = chunk[start:end]
            if self._skipping:
                out.append(self._skipping + len(piece))
                self._skipping = 0
            else:
                self._buffer += piece
                if len(self._buffer) > self.limit:
                    out.append(len(self._buffer))
                else:
                    out.append(bytes(self._buffer))
                self._buffer.clear()
            start = end + 1


class CheckerClient:
    """Owns one checker process; restarts it if it dies. Thread-safe; no asyncio needed."""

    def __init__(self, sink: Sink | None = None):
        self._sink = sink
        self._pending: list[dict] = []          # events that came before a sink was connected
        self._lock = threading.Lock()
        self._process: subprocess.Popen | None = None
        self._generation = 0
        self._outbox: queue.Queue = queue.Queue()
        self._in_flight: dict[int, _InFlight] = {}
        self._hung: set[int] = set()
        self._next_id = 0
        self._stopping = threading.Event()
        self._stderr_tail: collections.deque[bytes] = collections.deque()
        self._threads: list[threading.Thread] = []
        self._started_at = 0.0
        self._quick_deaths = 0
        self.ready = False
        self.warm = False
        self.pid: int | None = None
        self.restarts = 0

    # -- life -------------------------------------------------------------------------------
    def start(self) -> "CheckerClient":
        self._spawn()
        for target, name in ((self._write_loop, "writer"), (self._read_loop, "reader")):
            thread = threading.Thread(target=target, name=f"dlings-checker-{name}", daemon=True)
            thread.start()
            self._threads.append(thread)
        return self

    def _spawn(self) -> None:
        env = dict(os.environ, PYTHONUNBUFFERED="1")
        process = subprocess.Popen(checker_command(), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, env=env, start_new_session=True, bufsize=0)
        with self._lock:
            if self._stopping.is_set():   # stop() came while this one was starting
                self._kill(process)
                process.wait()
                return
            self._process = process
            self._generation += 1
            self.pid = process.pid
            self.ready = self.warm = False
        self._started_at = time.monotonic()
        self._stderr_tail = collections.deque()
        thread = threading.Thread(target=self._stderr_loop, args=(process,), name="dlings-checker-stderr",
                                  daemon=True)
        thread.start()

    def connect(self, sink: Sink) -> None:
        """Deliver events to `sink` from now on (with those that came before)."""
        with self._lock:
            self._sink = sink
            pending, self._pending = self._pending, []
        if pending:
            sink(pending)

    def stop(self, timeout: float = 2.0) -> None:
        """Stop the checker and its check, and wait for them (no stray processes)."""
        self._stopping.set()
        with self._lock:
            process, self._process = self._process, None
        self._outbox.put(None)
        if process is None:
            return
        try:
            if process.stdin:
                process.stdin.write(b'{"op": "quit"}\n')
                process.stdin.close()
        except (OSError, ValueError):
            pass
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self._kill(process)
            process.wait()

    @staticmethod
    def _kill(process: subprocess.Popen) -> None:
        for kill in (lambda: os.killpg(process.pid, signal.SIGKILL), process.kill):
            try:
                kill()
            except (ProcessLookupError, PermissionError, OSError):
                pass

    # -- requests ---------------------------------------------------------------------------
    def check(self, job: CheckJob) -> int:
        with self._lock:
            self._next_id += 1
            check_id = self._next_id
            self._in_flight[check_id] = _InFlight(job)
        self._send({"op": "check", "id": check_id, "job": job.to_dict()})
        return check_id

    def cancel(self) -> None:
        self._send({"op": "cancel"})

    def _send(self, request: dict) -> None:
        self._outbox.put((self._generation, (json.dumps(request) + "\n").encode()))

    def _write_loop(self) -> None:
        while True:
            item = self._outbox.get()
            if item is None or self._stopping.is_set():
                return
            generation, data = item
            with self._lock:
                process = self._process if generation == self._generation else None
            if process is None or process.stdin is None:
                continue
            try:
                while data:   # blocks only this thread if the checker is stopped
                    written = process.stdin.write(data)
                    data = data[written or 0:] if written is not None else data
            except (OSError, ValueError):
                continue

    # -- events -----------------------------------------------------------------------------
    def _deliver(self, events: list[dict]) -> None:
        if not events:
            return
        with self._lock:
            sink = self._sink
            if sink is None:
                self._pending.extend(events)
                return
        sink(events)

    def _stderr_loop(self, process: subprocess.Popen) -> None:
        assert process.stderr is not None
        kept = 0
        while True:
            try:
                chunk = os.read(process.stderr.fileno(), 65536)
            except OSError:
                return
            if not chunk:
                return
            self._stderr_tail.append(chunk)
            kept += len(chunk)
            while kept - len(self._stderr_tail[0]) > STDERR_TAIL and len(self._stderr_tail) > 1:
                kept -= len(self._stderr_tail.popleft())

    def _read_loop(self) -> None:
        """Read the checker's events for the client's whole life, across restarts.

        Restarts are started from this thread, which lives as long as the client: the checker asks
        the kernel for a signal when the thread that started it ends (PR_SET_PDEATHSIG is per thread)."""
        while not self._stopping.is_set():
            with self._lock:
                process = self._process
            if process is None:
                return
            self._read_events(process)
            self._died(process)

    def _read_events(self, process: subprocess.Popen) -> None:
        assert process.stdout is not None
        fd = process.stdout.fileno()
        frames = FrameReader()
        while True:
            readable, _, _ = select.select([fd], [], [], 0.25)
            events: list[dict] = []
            if readable:
                try:
                    chunk = os.read(fd, 1 << 16)
                except OSError:
                    chunk = b""
                if not chunk:
                    break
                for frame in frames.feed(chunk):
                    events.extend(self._parse(frame))
            self._deliver(events)
            self._watch_deadlines(process)

    def _parse(self, frame: bytes | int) -> list[dict]:
        if isinstance(frame, int):
            return [{"event": "error", "message": f"A message from the checker was {frame:,} bytes long, "
                                                  f"more than the {MAX_FRAME:,} allowed, and was left out."}]
        if not frame.strip():
            return []
        try:
            event = json.loads(frame)
        except ValueError:
            return [{"event": "error", "message": f"The checker said something unreadable: {frame[:200]!r}"}]
        if not isinstance(event, dict):
            return []
        kind = event.get("event")
        with self._lock:
            if kind == "ready":
                self.ready = True
                self._quick_deaths = 0
            elif kind == "warm":
                self.warm = True
            elif kind == "started" and event.get("id") in self._in_flight:
                flight = self._in_flight[event["id"]]
                flight.deadline = time.monotonic() + flight.job.timeout + HANG_GRACE
            elif kind in ("verdict", "cancelled") and isinstance(event.get("id"), int):
                self._in_flight.pop(event["id"], None)
        return [event]

    def _watch_deadlines(self, process: subprocess.Popen) -> None:
        now = time.monotonic()
        with self._lock:
            overdue = [i for i, f in self._in_flight.items() if f.deadline is not None and now > f.deadline]
            self._hung.update(overdue)
        if overdue:
            self._kill(process)   # the reader then sees the end of the stream and restarts it

    def _died(self, process: subprocess.Popen) -> None:
        code = process.wait()
        time.sleep(0.05)  # let the stderr thread take the last words
        tail = b"".join(self._stderr_tail).decode("utf-8", "replace")[-STDERR_TAIL:]
        with self._lock:
            stranded = list(self._in_flight.items())
            self._in_flight.clear()
            hung, self._hung = self._hung, set()
            deliberate = self._stopping.is_set() or self._process is not process
        events = []
        for check_id, flight in stranded:
            job = flight.job
            if check_id in hung:
                verdict = Verdict(job.name, Status.TIMEOUT,
                                  f"Your code ran longer than {job.timeout:g} s and the checker stopped answering "
                                  "(code that stops or signals its own process does this), so dlings ended it "
                                  "and started a new checker.\nLikely cause: os.kill / signal calls, or a loop "
                                  "that never ends.", duration=job.timeout)
            else:
                verdict = Verdict(job.name, Status.CRASHED,
                                  f"The checker process stopped (exit code {code}) while checking this exercise. "
                                  "dlings restarted it; save again or press r.")
            events.append({"event": "verdict", "id": check_id, "verdict": verdict.to_dict()})
        if deliberate:
            self._deliver(events)
            return
        events.append({"event": "restarted", "code": code, "stderr": tail, "hung": bool(hung)})
        self._deliver(events)
        if time.monotonic() - self._started_at < QUICK_DEATH and not hung:
            self._quick_deaths += 1
            if self._stopping.wait(min(30.0, 0.5 * 2 ** self._quick_deaths)):
                return
        with self._lock:
            self.restarts += 1
        self._spawn()


# The name it had before "checker" was settled on (a Textual "worker" is something else).
WorkerClient = CheckerClient
