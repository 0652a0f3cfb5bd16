"""File events for the exercises folder, debounced to one call per save.

Editors save in many ways: write in place, write a temp file and rename it
over the original (vim, JetBrains, VS Code's atomic save), delete and create.
Every event that ends at a watched path restarts a short timer; when it runs
out the path is reported once, so a burst of events (or 20 saves in a second)
becomes one check of the final content.
"""
from __future__ import annotations

import threading
from pathlib import Path
from typing import Callable

from watchdog.observers.api import BaseObserver
from watchdog.events import FileSystemEvent, FileSystemEventHandler

DEBOUNCE_SECONDS = 0.12


class _Handler(FileSystemEventHandler):
    def __init__(self, watcher: "ExerciseWatcher"):
        self._watcher = watcher

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.is_directory or event.event_type in ("opened", "closed_no_write"):
            return
        for path in (event.src_path, getattr(event, "dest_path", "")):
            if path and str(path).endswith(".py"):
                self._watcher.touched(Path(str(path)))


class ExerciseWatcher:
    """Calls `on_change(path)` once per save of a .py file below `folder`."""

    def __init__(self, folder: Path, on_change: Callable[[Path], None], debounce: float = DEBOUNCE_SECONDS):
        self.folder = folder.resolve()
        self._on_change = on_change
        self._debounce = debounce
        self._timers: dict[Path, threading.Timer] = {}
        self._lock = threading.Lock()
        self._observer: BaseObserver | None = None
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

    def touched(self, path: Path) -> None:
        try:
            path = path.resolve()
        except OSError:
            return
        with self._lock:
            timer = self._timers.pop(path, None)
            if timer:
                timer.cancel()
            timer = threading.Timer(self._debounce, self._fire, args=(path,))
            timer.daemon = True
            self._timers[path] = timer
            timer.start()

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
