"""The warm check worker behind `dlings watch`.

Started as `python -m dlings.worker`; speaks JSON lines. It warms up (torch,
pytest, the helpers) in the background of the TUI, then runs one check at a
time in a forked child. A new `check` request cancels the one in flight: the
learner saved again, so the old verdict would be stale.

Requests (stdin):   {"op": "check", "id": 7, "job": {...CheckJob fields}}
                    {"op": "cancel"}            {"op": "quit"}
Events (stdout):    {"event": "ready", "warm_seconds": 3.1}
                    {"event": "started", "id": 7}
                    {"event": "metric", "id": 7, "metric": "loss", "value": 0.4, "step": 3}
                    {"event": "verdict", "id": 7, "verdict": {...}}
                    {"event": "cancelled", "id": 7}
"""
from __future__ import annotations

import json
import os
import select
import signal
import sys

from dlings.engine import POLL_SECONDS, CheckJob, Engine, make_engine
from dlings.engine.core import RunningCheck
from dlings.engine.processes import die_with_parent


class Worker:
    def __init__(self, events_fd: int):
        self._events_fd = events_fd
        self._engine: Engine | None = None
        self._running: RunningCheck | None = None
        self._running_id: int | None = None
        self._buffer = b""
        self._quit = False

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
        warm_seconds = self._engine.prepare()
        self.emit({"event": "ready", "warm_seconds": round(warm_seconds, 3), "pid": os.getpid(),
                   "engine": self._engine.name})
        try:
            while not self._quit:
                wait = 0 if self._running else None
                readable, _, _ = select.select([0], [], [], wait if wait is not None else 1.0)
                if readable:
                    self._read_requests()
                if self._running is not None:
                    verdict = self._engine.step(self._running, POLL_SECONDS)
                    if verdict is not None:
                        self.emit({"event": "verdict", "id": self._running_id, "verdict": verdict.to_dict()})
                        self._running = self._running_id = None
        finally:
            self._cancel()
            self._engine.close()

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
                    {"event": "metric", "id": check_id, "metric": metric, "value": value, "step": step}))
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
