"""The warm check worker behind `dlings watch`.

Started as `python -m dlings.worker`; speaks JSON lines (one JSON object per
line: JSON escapes newlines, so a line is a frame, however long). It warms up
what the first check needs (torch, pytest, the helpers) in the background of
the TUI, says it is ready, and finishes the slower warm-up steps (optimizer,
convolutions, torchvision) between checks once the first verdict is out. It
runs one check at a time in a forked child. A new `check` request cancels the
one in flight: the learner saved again, so the old verdict would be stale.

Requests (stdin):   {"op": "check", "id": 7, "job": {...CheckJob fields}}
                    {"op": "cancel"}            {"op": "quit"}
Events (stdout):    {"event": "ready", "warm_seconds": 3.1}
                    {"event": "started", "id": 7}
                    {"event": "metric", "id": 7, "metric": "loss", "value": 0.4, "step": 3}
                    {"event": "target", "id": 7, "metric": "accuracy", "value": 0.9, "higher_is_better": true}
                    {"event": "progress", "id": 7, "step": 30, "total": 200}
                    {"event": "warm", "warm_seconds": 2.5}     (every warm-up step done)
                    {"event": "verdict", "id": 7, "verdict": {...}}
                    {"event": "cancelled", "id": 7}
"""
from __future__ import annotations

import json
import os
import select
import signal
import sys
import time

from dlings.engine import POLL_SECONDS, CheckJob, Engine, make_engine, warm_up, warm_up_steps
from dlings.engine.core import RunningCheck
from dlings.engine.processes import die_with_parent

FIRST_STEPS = ("imports", "first_calls")  # before "ready"; the rest run between checks
IDLE_WARM_AFTER = 2.0  # seconds after "ready" with no verdict yet: warm the rest anyway


class Worker:
    def __init__(self, events_fd: int):
        self._events_fd = events_fd
        self._engine: Engine | None = None
        self._running: RunningCheck | None = None
        self._running_id: int | None = None
        self._buffer = b""
        self._quit = False
        self._warm_rest_at = float("inf")   # monotonic time from which the rest may warm
        self._warm_later = [name for name, _ in warm_up_steps() if name not in FIRST_STEPS]
        self._warm_seconds = 0.0

    def emit(self, event: dict) -> None:
        data = (json.dumps(event) + "\n").encode()
        while data:
            try:
                written = os.write(self._events_fd, data)
            except BrokenPipeError:
                self._quit = True
                return
            data = data[written:]

    def serve(self) -> None:
        self._engine = make_engine(reap_orphans=True, spares=2)  # the pool keeps one warm while one checks
        if self._engine.name == "fork":  # warm what the first check needs; the rest between checks
            warm_seconds = warm_up(only=FIRST_STEPS)
        else:  # the pool's spares warm themselves, whole
            warm_seconds = self._engine.prepare()
            self._warm_later = []
        self._warm_seconds = warm_seconds
        self.emit({"event": "ready", "warm_seconds": round(warm_seconds, 3), "pid": os.getpid(),
                   "engine": self._engine.name})
        self._warm_rest_at = time.monotonic() + IDLE_WARM_AFTER
        try:
            while not self._quit:
                idle_work = (self._running is None and self._warm_later
                             and time.monotonic() >= self._warm_rest_at)
                wait = 0 if (self._running or idle_work) else (0.5 if self._warm_later else 1.0)
                readable, _, _ = select.select([0], [], [], wait)
                if readable:
                    self._read_requests()
                if self._running is not None:
                    verdict = self._engine.step(self._running, POLL_SECONDS)
                    if verdict is not None:
                        self.emit({"event": "verdict", "id": self._running_id, "verdict": verdict.to_dict()})
                        self._running = self._running_id = None
                        self._warm_rest_at = 0.0
                elif idle_work and not readable:
                    self._warm_one_more()
        finally:
            self._cancel()
            self._engine.close()

    def _warm_one_more(self) -> None:
        """One slower warm-up step, while no check runs and no request waits."""
        self._warm_seconds += warm_up(only=[self._warm_later.pop(0)])
        if not self._warm_later:
            self.emit({"event": "warm", "warm_seconds": round(self._warm_seconds, 3)})

    def _read_requests(self) -> None:
        chunk = os.read(0, 65536)
        if not chunk:  # the TUI went away
            self._quit = True
            return
        self._buffer += chunk
        *lines, self._buffer = self._buffer.split(b"\n")
        for line in lines:
            if line.strip():
                try:
                    self._handle(json.loads(line))
                except (ValueError, KeyError, TypeError) as exc:
                    self.emit({"event": "error", "message": f"bad request: {exc}"})

    def _handle(self, request: dict) -> None:
        op = request["op"]
        if op == "check":
            self._cancel()
            job = CheckJob(**{**request["job"], "needs": tuple(request["job"].get("needs", ())),
                              "guarded_files": tuple(request["job"].get("guarded_files", ()))})
            check_id = request["id"]
            self._running_id = check_id
            assert self._engine is not None
            self._running = self._engine.start(
                job, lambda metric, value, step: self.emit(
                    {"event": "metric", "id": check_id, "metric": metric, "value": value, "step": step}),
                lambda item: self.emit({**item, "event": str(item.get("kind")), "id": check_id}))
            self.emit({"event": "started", "id": check_id})
        elif op == "cancel":
            self._cancel()
        elif op == "quit":
            self._quit = True
        elif op == "ping":
            self.emit({"event": "pong"})

    def _cancel(self) -> None:
        if self._running is not None and self._engine is not None:
            self._engine.cancel(self._running)
            self.emit({"event": "cancelled", "id": self._running_id})
            self._running = self._running_id = None


def _end_everything(signum, frame) -> None:
    """The UI went away (or asked us to stop): no check or anything it started survives us."""
    from dlings.engine.processes import children_of, kill_tree

    for child in children_of(os.getpid()):
        kill_tree(child)
    os._exit(0)


def main() -> None:
    # Keep the protocol channel clean: anything else printed to stdout goes to stderr.
    events_fd = os.dup(1)
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C belongs to the TUI, which stops us itself
    signal.signal(signal.SIGTERM, _end_everything)
    die_with_parent(signal.SIGTERM)
    Worker(events_fd).serve()
    os._exit(0)


if __name__ == "__main__":
    main()
