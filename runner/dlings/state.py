"""The learner's progress: one small JSON file in the workspace, written atomically.

A missing or unreadable file is rebuilt (the broken one is kept beside it);
a file from a newer dlings is refused with a message rather than overwritten.
"""
from __future__ import annotations

import json
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
    warnings: list[str] = field(default_factory=list)           # told once to the learner, not saved

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
    def mark_done(self, name: str) -> None:
        self.done[name] = time.time()
        self.skipped.pop(name, None)

    def mark_skipped(self, name: str, why: str) -> None:
        if name not in self.done:
            self.skipped[name] = why

    def mark_pending(self, name: str) -> None:
        self.done.pop(name, None)
        self.skipped.pop(name, None)

    def next_hint(self, name: str, total: int) -> int | None:
        """Index of the hint to show next, or None when all were seen."""
        seen = self.hints_seen.get(name, 0)
        if seen >= total:
            return None
        self.hints_seen[name] = seen + 1
        return seen

    def to_json(self) -> dict:
        return {"format": STATE_FORMAT, "current": self.current, "done": self.done, "skipped": self.skipped,
                "hints_seen": self.hints_seen}


def state_path(workspace: Path) -> Path:
    return workspace / ".dlings" / STATE_FILE


def load_progress(workspace: Path, catalog: Catalog) -> Progress:
    path = state_path(workspace)
    progress = Progress()
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        progress.current = catalog.exercises[0].name
        progress.warnings.append(f"No progress file was found at {path}; starting a fresh one.")
        save_progress(workspace, progress)
        return progress
    except OSError as exc:
        raise StateError(f"{path} cannot be read ({exc.strerror}). Check its permissions.") from None
    try:
        data = json.loads(raw)
        if not isinstance(data, dict):
            raise ValueError("not a JSON object")
        version = data.get("format")
        if isinstance(version, int) and version > STATE_FORMAT:
            raise StateError(
                f"{path} was written by a newer dlings (format {version}; this one reads {STATE_FORMAT}). "
                "Upgrade dlings (pip install -U dlings), or move that file away to start over."
            )
        if version != STATE_FORMAT:
            raise ValueError(f"unknown format {version!r}")
        progress = _from_json(data, catalog)
    except StateError:
        raise
    except (ValueError, TypeError, AttributeError) as exc:
        kept = path.with_name(f"{STATE_FILE}.corrupt-{time.strftime('%Y%m%d-%H%M%S')}")
        try:
            os.replace(path, kept)
            where = f"; the damaged file is kept as {kept.name}"
        except OSError:
            where = ""
        progress = Progress(current=catalog.exercises[0].name)
        progress.warnings.append(f"The progress file was damaged ({exc}) and was rebuilt{where}.")
        save_progress(workspace, progress)
    return progress


def _from_json(data: dict, catalog: Catalog) -> Progress:
    def name_map(key: str, kind: type) -> dict:
        value = data.get(key, {})
        if not isinstance(value, dict):
            raise ValueError(f"'{key}' is not a table")
        return {k: v for k, v in value.items() if k in catalog and isinstance(v, kind) and not isinstance(v, bool)}

    progress = Progress(
        done={k: float(v) for k, v in name_map("done", (int, float)).items()},
        skipped=name_map("skipped", str),
        hints_seen=name_map("hints_seen", int),
    )
    current = data.get("current")
    if isinstance(current, str) and current in catalog:
        progress.current = current
    else:
        progress.current = progress.first_pending(catalog) or catalog.exercises[-1].name
        if current is not None:
            progress.warnings.append(f"The saved exercise '{current}' no longer exists; continuing at {progress.current}.")
    return progress


def save_progress(workspace: Path, progress: Progress) -> None:
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
