"""The learner's progress: one small JSON file in the workspace, written atomically.

A missing or unreadable file is rebuilt (the broken one is kept beside it);
a file from a newer dlings is refused with a message rather than overwritten.

Several dlings processes may share a workspace (a watcher and `dlings run` in
another terminal). Each save is a merge under a file lock: the process applies
only what it changed since it last read the file (per exercise) onto what is
on disk now, so neither loses the other's progress; `refresh_progress` picks
up changes made elsewhere.
"""
from __future__ import annotations

import contextlib
import json
import math
import os
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from dlings.catalog import Catalog

STATE_FORMAT = 1
STATE_FILE = "state.json"


class StateError(Exception):
    """The state file cannot be used and must not be overwritten."""


@dataclass
class Progress:
    current: str | None = None
    done: dict[str, float] = field(default_factory=dict)        # name -> when it passed
    skipped: dict[str, str] = field(default_factory=dict)       # name -> why (needs a GPU, start-from)
    hints_seen: dict[str, int] = field(default_factory=dict)
    ran_on: dict[str, str] = field(default_factory=dict)       # name -> "gpu-box: NVIDIA A100", passed elsewhere
    warnings: list[str] = field(default_factory=list)           # told once to the learner, not saved
    # what the file held when this process last read or wrote it: the base of the merge
    base: dict = field(default_factory=dict, repr=False)
    seen_stamp: tuple = field(default=(), repr=False)

    # -- questions -------------------------------------------------------------------------
    def state_of(self, name: str) -> str:
        if name in self.done:
            return "done"
        if name in self.skipped:
            return "skipped"
        return "pending"

    def counts(self, catalog: Catalog) -> tuple[int, int, int]:
        names = {ex.name for ex in catalog}
        return len(names & set(self.done)), len(names & set(self.skipped) - set(self.done)), len(names)

    def first_pending(self, catalog: Catalog, after: str | None = None) -> str | None:
        start = catalog.index(after) + 1 if after and after in catalog else 0
        order = catalog.exercises[start:] + catalog.exercises[:start]
        for ex in order:
            if self.state_of(ex.name) == "pending":
                return ex.name
        return None

    def finished(self, catalog: Catalog) -> bool:
        return all(self.state_of(ex.name) != "pending" for ex in catalog)

    # -- changes ---------------------------------------------------------------------------
    def mark_done(self, name: str, ran_on: str = "") -> None:
        """Passed; `ran_on` names the machine and device when it was judged elsewhere (`--via`)."""
        self.done[name] = time.time()
        self.skipped.pop(name, None)
        if ran_on:
            self.ran_on[name] = ran_on
        else:
            self.ran_on.pop(name, None)

    def mark_skipped(self, name: str, why: str) -> None:
        if name not in self.done:
            self.skipped[name] = why

    def mark_pending(self, name: str) -> None:
        self.done.pop(name, None)
        self.skipped.pop(name, None)
        self.ran_on.pop(name, None)

    def next_hint(self, name: str, total: int) -> int | None:
        """Index of the hint to show next, or None when all were seen."""
        seen = self.hints_seen.get(name, 0)
        if seen >= total:
            return None
        self.hints_seen[name] = seen + 1
        return seen

    def see_all_hints(self, name: str, total: int) -> None:
        self.hints_seen[name] = max(self.hints_seen.get(name, 0), total)

    def adopt(self, other: "Progress") -> None:
        """Take `other`'s saved fields (keeping this object, which others hold)."""
        self.current, self.done, self.skipped = other.current, dict(other.done), dict(other.skipped)
        self.hints_seen, self.ran_on = dict(other.hints_seen), dict(other.ran_on)
        self.base, self.seen_stamp = other.base, other.seen_stamp
        self.warnings.extend(w for w in other.warnings if w not in self.warnings)

    def to_json(self) -> dict:
        return {"format": STATE_FORMAT, "current": self.current, "done": self.done, "skipped": self.skipped,
                "hints_seen": self.hints_seen, "ran_on": self.ran_on}


def state_path(workspace: Path) -> Path:
    return workspace / ".dlings" / STATE_FILE


def _stamp(path: Path) -> tuple:
    try:
        st = path.stat()
        return (st.st_mtime_ns, st.st_size, st.st_ino)
    except OSError:
        return ()


@contextlib.contextmanager
def _locked(workspace: Path):
    """Hold the workspace's state lock (other dlings processes wait for it)."""
    lock_path = state_path(workspace).with_name("state.lock")
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    handle = open(lock_path, "a+b")
    try:
        try:
            import fcntl

            fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        except ImportError:  # Windows
            import msvcrt

            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_LOCK, 1)  # type: ignore[attr-defined]
        yield
    finally:
        handle.close()  # closing releases the lock on both systems


def load_progress(workspace: Path, catalog: Catalog) -> Progress:
    with _locked(workspace):
        return _load_unlocked(workspace, catalog)


def _load_unlocked(workspace: Path, catalog: Catalog) -> Progress:
    path = state_path(workspace)
    progress = Progress()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        progress.current = catalog.exercises[0].name
        progress.warnings.append(f"No progress file was found at {path}; starting a fresh one.")
        _write(workspace, progress)
        return progress
    except OSError as exc:
        raise StateError(f"{path} cannot be read ({exc.strerror}). Check its permissions.") from None
    stamp = _stamp(path)
    try:
        data = json.loads(raw.decode("utf-8"))
        if not isinstance(data, dict):
            raise ValueError("not a JSON object")
        version = data.get("format")
        if isinstance(version, int) and not isinstance(version, bool) and version > STATE_FORMAT:
            raise StateError(
                f"{path} was written by a newer dlings (format {version}; this one reads {STATE_FORMAT}). "
                "Upgrade dlings (pip install -U dlings), or move that file away to start over."
            )
        if version != STATE_FORMAT:
            raise ValueError(f"unknown format {version!r}")
        progress = _from_json(data, catalog)
        progress.base, progress.seen_stamp = progress.to_json(), stamp
    except StateError:
        raise
    except (ValueError, TypeError, AttributeError) as exc:
        why = "it is not UTF-8 text" if isinstance(exc, UnicodeDecodeError) else str(exc)
        kept = path.with_name(f"{STATE_FILE}.corrupt-{time.strftime('%Y%m%d-%H%M%S')}")
        try:
            os.replace(path, kept)
            where = f"; the damaged file is kept as {kept.name}"
        except OSError:
            where = ""
        progress = Progress(current=catalog.exercises[0].name)
        progress.warnings.append(f"The progress file was damaged ({why}) and was rebuilt{where}.")
        _write(workspace, progress)
    return progress


def _from_json(data: dict, catalog: Catalog) -> Progress:
    def name_map(key: str, valid) -> dict:
        value = data.get(key, {})
        if not isinstance(value, dict):
            raise ValueError(f"'{key}' is not a table")
        return {k: v for k, v in value.items() if k in catalog and not isinstance(v, bool) and valid(v)}

    def is_time(v) -> bool:
        return isinstance(v, (int, float)) and math.isfinite(v) and v >= 0

    progress = Progress(
        done={k: float(v) for k, v in name_map("done", is_time).items()},
        skipped=name_map("skipped", lambda v: isinstance(v, str)),
        hints_seen=name_map("hints_seen", lambda v: isinstance(v, int) and 0 <= v < 1000),
        ran_on=name_map("ran_on", lambda v: isinstance(v, str)),   # absent in files before --via: {}
    )
    current = data.get("current")
    if isinstance(current, str) and current in catalog:
        progress.current = current
    else:
        progress.current = progress.first_pending(catalog) or catalog.exercises[-1].name
        if current is not None:
            progress.warnings.append(f"The saved exercise '{current}' no longer exists; continuing at {progress.current}.")
    return progress


def _merge(disk: Progress, mine: Progress) -> None:
    """Apply to `disk` what `mine` changed since `mine.base` (per exercise and field)."""
    base = mine.base or {}
    for key in ("done", "skipped", "ran_on"):
        before, now, target = base.get(key, {}), getattr(mine, key), getattr(disk, key)
        for name in set(before) | set(now):
            if before.get(name) != now.get(name):
                if name in now:
                    target[name] = now[name]
                else:
                    target.pop(name, None)
    for name, seen in mine.hints_seen.items():
        if base.get("hints_seen", {}).get(name) != seen:
            disk.hints_seen[name] = max(seen, disk.hints_seen.get(name, 0))
    if mine.current != base.get("current") or disk.current is None:
        disk.current = mine.current


def save_progress(workspace: Path, progress: Progress, catalog: Catalog | None = None) -> None:
    """Merge this process's changes into the file and adopt the result.

    Without a catalog (a brand-new workspace) the file is simply written.
    """
    with _locked(workspace):
        if catalog is None or not state_path(workspace).exists():
            _write(workspace, progress)
            return
        try:
            disk = _load_unlocked(workspace, catalog)
        except StateError:
            raise
        if disk.seen_stamp and disk.seen_stamp == progress.seen_stamp:
            _write(workspace, progress)
            return
        _merge(disk, progress)
        _write(workspace, disk)
        progress.adopt(disk)


def refresh_progress(workspace: Path, progress: Progress, catalog: Catalog) -> bool:
    """Pick up changes another process saved; True when there were any."""
    if _stamp(state_path(workspace)) == progress.seen_stamp:
        return False
    with _locked(workspace):
        disk = _load_unlocked(workspace, catalog)
    before = progress.to_json()
    _merge(disk, progress)
    progress.adopt(disk)
    return progress.to_json() != before


def _write(workspace: Path, progress: Progress) -> None:
    path = state_path(workspace)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".state-", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(progress.to_json(), handle, indent=1, sort_keys=True)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    progress.base, progress.seen_stamp = progress.to_json(), _stamp(path)
