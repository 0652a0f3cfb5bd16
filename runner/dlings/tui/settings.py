"""What `dlings watch` remembers in the workspace besides progress: `.dlings/watch.json`.

- `edit_cmd`: the editor command given once with `dlings watch --edit-cmd`;
- `task_seen`: the exercises whose task panel was shown automatically already
  (it opens by itself on the first visit only).

Kept apart from state.json (progress) so the two never overwrite each other.
A damaged file is ignored (with a warning), never fatal.
"""
from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from dlings.paths import WORKSPACE_MARKER

SETTINGS_FILE = "watch.json"


@dataclass
class WatchSettings:
    path: Path
    edit_cmd: str | None = None
    task_seen: set[str] = field(default_factory=set)
    warnings: list[str] = field(default_factory=list)

    @classmethod
    def load(cls, workspace_root: Path) -> "WatchSettings":
        path = workspace_root / WORKSPACE_MARKER / SETTINGS_FILE
        settings = cls(path)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return settings
        except (OSError, ValueError, UnicodeDecodeError) as exc:
            settings.warnings.append(f"{path.name} could not be read ({exc}); using defaults.")
            return settings
        if isinstance(data, dict):
            if isinstance(data.get("edit_cmd"), str) and data["edit_cmd"].strip():
                settings.edit_cmd = data["edit_cmd"]
            seen = data.get("task_seen")
            if isinstance(seen, list):
                settings.task_seen = {name for name in seen if isinstance(name, str)}
        return settings

    def save(self) -> None:
        """Write atomically; raises OSError when the workspace cannot be written."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        data = {"edit_cmd": self.edit_cmd, "task_seen": sorted(self.task_seen)}
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".watch-", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(data, handle, indent=1)
            os.replace(tmp, self.path)
        except BaseException:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            raise
