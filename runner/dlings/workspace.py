"""The learner's workspace: editable exercises, revealed solutions, backups.

    my-dlings/
      exercises/<track>/<name>.py   what the learner edits (copied at init)
      solutions/<track>/<name>.py   written only once that exercise has passed
      .dlings/state.json            progress
      .dlings/backups/<time>/...    the learner's files, kept before every reset
      .gitignore, .vscode/settings.json

Checks and pristine files stay in the curriculum that ships with dlings, so an
update or a reset never has to merge with the learner's edits.
"""
from __future__ import annotations

import json
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from dlings.catalog import Catalog, Exercise
from dlings.paths import WORKSPACE_MARKER
from dlings.state import Progress, save_progress

GITIGNORE = """# dlings workspace
.dlings/
__pycache__/
*.pyc
"""

VSCODE_SETTINGS = {
    "files.autoSave": "afterDelay",
    "files.autoSaveDelay": 800,
    "python.analysis.typeCheckingMode": "off",
    "editor.formatOnSave": False,
    "files.exclude": {"**/__pycache__": True, ".dlings": True},
}


class WorkspaceError(Exception):
    pass


@dataclass
class Workspace:
    root: Path
    catalog: Catalog

    # -- paths ------------------------------------------------------------------------------
    def exercise_file(self, ex: Exercise) -> Path:
        return self.root / "exercises" / ex.relpath

    def display_path(self, ex: Exercise) -> str:
        return f"exercises/{ex.relpath}"

    def solution_file(self, ex: Exercise) -> Path:
        return self.root / "solutions" / ex.relpath

    @property
    def backups_dir(self) -> Path:
        return self.root / WORKSPACE_MARKER / "backups"

    # -- changes ----------------------------------------------------------------------------
    def restore_pristine(self, ex: Exercise) -> None:
        target = self.exercise_file(ex)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(self.catalog.exercise_path(ex), target)

    def differs_from_pristine(self, ex: Exercise) -> bool:
        target = self.exercise_file(ex)
        try:
            return target.read_bytes() != self.catalog.exercise_path(ex).read_bytes()
        except OSError:
            return target.exists()

    def backup(self, exercises: list[Exercise], label: str) -> Path | None:
        """Copy the learner's versions of `exercises` that differ from the original."""
        changed = [ex for ex in exercises if self.exercise_file(ex).is_file() and self.differs_from_pristine(ex)]
        if not changed:
            return None
        stamp = time.strftime("%Y%m%d-%H%M%S")
        folder = self.backups_dir / f"{stamp}-{label}"
        n = 1
        while folder.exists():
            n += 1
            folder = self.backups_dir / f"{stamp}-{label}-{n}"
        for ex in changed:
            target = folder / "exercises" / ex.relpath
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(self.exercise_file(ex), target)
        return folder

    def reset(self, exercises: list[Exercise], label: str) -> Path | None:
        """Back up, then restore the pristine files. Returns the backup folder, if any."""
        backup = self.backup(exercises, label)
        for ex in exercises:
            self.restore_pristine(ex)
        return backup

    def list_backups(self) -> list[Path]:
        if not self.backups_dir.is_dir():
            return []
        return sorted((p for p in self.backups_dir.iterdir() if p.is_dir()), reverse=True)

    def restore_backup(self, backup: Path) -> list[str]:
        """Copy a backup's files back over the workspace's exercises (backing those up first)."""
        files = sorted((backup / "exercises").rglob("*.py"))
        if not files:
            raise WorkspaceError(f"{backup} holds no exercise files.")
        names = {f.stem for f in files}
        current = [ex for ex in self.catalog if ex.name in names]
        self.backup(current, "before-restore")
        restored = []
        for file in files:
            rel = file.relative_to(backup / "exercises")
            target = self.root / "exercises" / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(file, target)
            restored.append(str(rel))
        return restored

    def reveal_solution(self, ex: Exercise) -> Path:
        target = self.solution_file(ex)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(self.catalog.solution_path(ex), target)
        return target


def init_workspace(target: Path, catalog: Catalog, start_from: str | None = None) -> Workspace:
    target = target.resolve()
    if (target / WORKSPACE_MARKER).is_dir():
        raise WorkspaceError(f"{target} is already a dlings workspace. `cd {target}` and run `dlings watch`.")
    if target.exists() and not target.is_dir():
        raise WorkspaceError(f"{target} exists and is not a folder.")
    if target.is_dir() and (target / "exercises").exists():
        raise WorkspaceError(f"{target} already has an exercises/ folder; choose an empty or new folder.")
    if (target / "info.toml").is_file() and (target / "checks").is_dir():
        raise WorkspaceError(
            f"{target} is the dlings curriculum itself. Make your workspace elsewhere, e.g. `dlings init ~/dlings-work`."
        )
    target.mkdir(parents=True, exist_ok=True)
    (target / WORKSPACE_MARKER).mkdir()
    workspace = Workspace(target, catalog)
    for ex in catalog:
        workspace.restore_pristine(ex)
    (target / "solutions").mkdir(exist_ok=True)
    (target / "solutions" / "README.md").write_text(
        "Reference solutions appear here once you pass an exercise (or run `dlings solution NAME`).\n"
    )
    (target / ".gitignore").write_text(GITIGNORE)
    (target / ".vscode").mkdir(exist_ok=True)
    (target / ".vscode" / "settings.json").write_text(json.dumps(VSCODE_SETTINGS, indent=2) + "\n")
    progress = Progress(current=catalog.exercises[0].name)
    if start_from:
        apply_start_from(progress, catalog, start_from)
    save_progress(target, progress)
    return workspace


def apply_start_from(progress: Progress, catalog: Catalog, name: str) -> None:
    """Make `name` current and mark the pending exercises before it as skipped by choice."""
    ex = catalog.get(name)
    for earlier in catalog.exercises[: catalog.index(ex.name)]:
        if progress.state_of(earlier.name) == "pending":
            progress.mark_skipped(earlier.name, f"skipped with --start-from {name}")
    progress.current = ex.name
