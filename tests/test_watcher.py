"""The file watcher reports a save as soon as it is complete, and only then."""
from __future__ import annotations

import os
import threading
import time

from dlings.watcher import COMPLETE, PARTIAL, ExerciseWatcher


def _watching(tmp_path, debounce=0.12):
    folder = tmp_path / "exercises"
    folder.mkdir()
    target = folder / "ex.py"
    target.write_text("start\n")
    calls: list[tuple[float, str]] = []
    seen = threading.Event()

    def on_change(path):
        calls.append((time.perf_counter(), path.read_text()))
        seen.set()

    watcher = ExerciseWatcher(folder, on_change, debounce=debounce)
    assert watcher.start() == "events"
    time.sleep(0.2)
    return watcher, target, calls, seen


def test_a_write_in_place_is_reported_when_the_file_is_closed_not_after_a_timer(tmp_path):
    watcher, target, calls, seen = _watching(tmp_path, debounce=2.0)
    try:
        saved = time.perf_counter()
        target.write_text("new\n")
        assert seen.wait(1.5), "not reported before the (2 s) fallback timer"
        assert calls[0][1] == "new\n" and calls[0][0] - saved < 0.5
    finally:
        watcher.stop()


def test_a_rename_over_is_reported_at_once(tmp_path):
    watcher, target, calls, seen = _watching(tmp_path, debounce=2.0)
    try:
        tmp = target.with_name(".ex.py.tmp")
        tmp.write_text("renamed\n")
        os.replace(tmp, target)
        assert seen.wait(1.5)
        assert [content for _, content in calls] == ["renamed\n"]
    finally:
        watcher.stop()


def test_events_that_do_not_end_a_save_wait_for_quiet(tmp_path):
    """What a polling observer sees (modified only) is reported once, after the debounce."""
    reported = []
    watcher = ExerciseWatcher(tmp_path, reported.append, debounce=0.1)
    path = tmp_path / "ex.py"
    path.write_text("x")
    for _ in range(5):
        watcher.touched(path, PARTIAL)
        time.sleep(0.02)
    assert reported == []
    time.sleep(0.3)
    assert reported == [path.resolve()]
    watcher.touched(path, COMPLETE)
    assert reported == [path.resolve()] * 2   # a complete save after a quiet spell: at once
