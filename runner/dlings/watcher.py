"""File events for the exercises folder, reported once per save, as soon as the save is complete.

Editors save in many ways: write in place, write a temp file and rename it
over the original (vim, JetBrains, VS Code's atomic save), delete and create.
A save is complete when a file written in place is closed, or when a file is
renamed onto the watched path: those events are reported at once, so nothing
waits on a timer. Every other event (modified, created, deleted, a rename
away, and everything a polling observer sees) only starts a short timer, and
the path is reported when it runs out with nothing newer, so a save in
several steps still becomes one report of the final content.

A burst of saves of one file (20 in a second) is gathered: the first is
reported at once; a save that comes less than BURST_SECONDS after the previous
one waits until the saves stop, and the last is reported once.
"""
from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any, Callable

from watchdog.events import FileSystemEvent, FileSystemEventHandler

DEBOUNCE_SECONDS = 0.12   # quiet time after an event that does not end a save
BURST_SECONDS = 0.15      # a save this soon after the previous one waits for the burst to end

COMPLETE = "complete"     # the event ends a save: report now
PARTIAL = "partial"       # a step of a save, or an event a polling observer reports: wait


class _Handler(FileSystemEventHandler):
    def __init__(self, watcher: "ExerciseWatcher"):
        self._watcher = watcher

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.is_directory or event.event_type in ("opened", "closed_no_write", "attrib"):
            return
        dest = getattr(event, "dest_path", "")
        src = str(event.src_path)
        if event.event_type == "closed":
            if src.endswith(".py"):
                self._watcher.touched(Path(src), COMPLETE)
            return
        if src.endswith(".py"):
            self._watcher.touched(Path(src), PARTIAL)
        if dest and str(dest).endswith(".py"):
            self._watcher.touched(Path(str(dest)), COMPLETE if event.event_type == "moved" else PARTIAL)


class ExerciseWatcher:
    """Calls `on_change(path)` once per save of a .py file below `folder` (on the watcher's thread)."""

    def __init__(self, folder: Path, on_change: Callable[[Path], None], debounce: float = DEBOUNCE_SECONDS,
                 burst: float = BURST_SECONDS):
        self.folder = folder.resolve()
        self._on_change = on_change
        self._debounce = debounce
        self._burst = burst
        self._timers: dict[Path, threading.Timer] = {}
        self._last_save: dict[Path, float] = {}
        self._lock = threading.Lock()
        self._observer: Any = None
        self.mode = "off"

    def start(self) -> str:
        """Start watching; returns "events", or "polling" where the OS gives no file events."""
        from watchdog.observers import Observer
        from watchdog.observers.polling import PollingObserver

        for kind, factory in (("events", Observer), ("polling", lambda: PollingObserver(timeout=0.5))):
            observer = factory()
            try:
                observer.schedule(_Handler(self), str(self.folder), recursive=True)
                observer.daemon = True
                observer.start()
            except (OSError, RuntimeError):
                continue
            self._observer, self.mode = observer, kind
            return kind
        self.mode = "off"
        return "off"

    def touched(self, path: Path, kind: str = PARTIAL) -> None:
        try:
            path = path.resolve()
        except OSError:
            return
        now = time.monotonic()
        with self._lock:
            timer = self._timers.pop(path, None)
            if timer:
                timer.cancel()
            in_burst = False
            if kind == COMPLETE:
                in_burst = now - self._last_save.get(path, -1e9) < self._burst
                self._last_save[path] = now
            if kind == COMPLETE and not in_burst:
                report_now = True
            else:
                delay = self._burst if kind == COMPLETE else self._debounce
                timer = threading.Timer(delay, self._fire, args=(path,))
                timer.daemon = True
                self._timers[path] = timer
                timer.start()
                report_now = False
        if report_now:
            self._on_change(path)

    def _fire(self, path: Path) -> None:
        with self._lock:
            self._timers.pop(path, None)
        self._on_change(path)

    def stop(self) -> None:
        with self._lock:
            for timer in self._timers.values():
                timer.cancel()
            self._timers.clear()
        if self._observer is not None:
            self._observer.stop()
            self._observer.join(timeout=2)
            self._observer = None
