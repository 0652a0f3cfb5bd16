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
import os
import tempfile
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


def write_inside(root: Path, target: Path, data: bytes) -> None:
    """Write `data` to `target`, a regular file that must lie inside `root`.

    A symlink at `target` is replaced, never followed (whatever it pointed to is
    left alone); a folder on the way that leads outside `root` is refused. The
    write is atomic: a temporary file beside the target, then a rename.
    """
    root = root.resolve()
    parent = target.parent
    existing = parent
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    for folder in (existing, parent):
        if folder is parent:
            parent.mkdir(parents=True, exist_ok=True)
        real = folder.resolve()
        if real != root and root not in real.parents:
            raise WorkspaceError(f"{target} lies outside the workspace (it leads to {real}); "
                                 "dlings only writes inside the workspace. Remove that link.")
    real_parent = parent.resolve()
    if target.is_dir() and not target.is_symlink():
        raise WorkspaceError(f"{target} is a folder, not a file; move it away and try again.")
    fd, tmp = tempfile.mkstemp(dir=real_parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, real_parent / target.name)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


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
        write_inside(self.root, self.exercise_file(ex), self.catalog.exercise_path(ex).read_bytes())

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
            write_inside(self.root, folder / "exercises" / ex.relpath, self.exercise_file(ex).read_bytes())
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
            write_inside(self.root, self.root / "exercises" / rel, file.read_bytes())
            restored.append(str(rel))
        return restored

    def reveal_solution(self, ex: Exercise) -> Path:
        target = self.solution_file(ex)
        write_inside(self.root, target, self.catalog.solution_path(ex).read_bytes())
        return target


WORKSPACE_README = """# Your dlings workspace

Each file in `exercises/` is a small, unfinished PyTorch program. Work through
them in order: fix the `# TODO`, save, and read what the check says.

| to | type |
| --- | --- |
| check every save, with hints and the list on keys | `dlings watch` (keys: h hint, l list, n next, r re-run, d task, q quit) |
| check the current exercise once, without watch | `dlings run` (or `dlings run NAME`) |
| get the next hint | `dlings hint` |
| see every exercise and where you are | `dlings list` |
| start an exercise over (your version is backed up) | `dlings reset NAME`; `dlings restore` brings a backup back |
| read the reference solution, once you passed | `dlings solution NAME` (also written to `solutions/`) |
| see what this machine offers (GPU, versions) | `dlings doctor` |

Progress lives in `.dlings/state.json`; backups of your files in
`.dlings/backups/`. `dlings --help` and `dlings COMMAND --help` say more.
"""


def init_workspace(target: Path, catalog: Catalog, start_from: str | None = None) -> tuple[Workspace, list[str]]:
    """Make a workspace in `target`; returns it and notes for the learner (files left alone).

    Nothing is created before every argument is known good, and no file of the
    user's is overwritten: `.gitignore` gets the missing lines, existing
    settings and READMEs stay as they are.
    """
    target = target.expanduser().resolve()
    if start_from is not None and start_from not in catalog:
        raise WorkspaceError(f"--start-from {start_from}: there is no exercise of that name. "
                             "`dlings list --plain` (inside a workspace) or info.toml lists them.")
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
    notes: list[str] = []
    for ex in catalog:
        workspace.restore_pristine(ex)
    (target / "solutions").mkdir(exist_ok=True)
    _write_new(target, target / "solutions" / "README.md",
               "Reference solutions appear here once you pass an exercise (or run `dlings solution NAME`).\n", notes)
    _write_new(target, target / "README.md", WORKSPACE_README, notes)
    _merge_gitignore(target, notes)
    settings = json.dumps(VSCODE_SETTINGS, indent=2) + "\n"
    if not _write_new(target, target / ".vscode" / "settings.json", settings, notes):
        notes[-1] += " (dlings would turn on auto-save there: files.autoSave = afterDelay)"
    progress = Progress(current=catalog.exercises[0].name)
    if start_from:
        apply_start_from(progress, catalog, start_from)
    save_progress(target, progress)
    return workspace, notes


def _write_new(root: Path, path: Path, text: str, notes: list[str]) -> bool:
    """Write `path` unless it exists; a note says it was left alone."""
    if path.exists() or path.is_symlink():
        notes.append(f"kept your {path.relative_to(root)}")
        return False
    write_inside(root, path, text.encode())
    return True


def _merge_gitignore(root: Path, notes: list[str]) -> None:
    path = root / ".gitignore"
    if not path.exists():
        write_inside(root, path, GITIGNORE.encode())
        return
    old = path.read_text(encoding="utf-8", errors="replace")
    have = {line.strip() for line in old.splitlines()}
    missing = [line for line in GITIGNORE.splitlines() if line.strip() and not line.startswith("#")
               and line.strip() not in have]
    if missing:
        joined = old if old.endswith("\n") or not old else old + "\n"
        write_inside(root, path, (joined + "# dlings\n" + "\n".join(missing) + "\n").encode())
        notes.append(f"added {', '.join(missing)} to your .gitignore")


def apply_start_from(progress: Progress, catalog: Catalog, name: str) -> None:
    """Make `name` current and mark the pending exercises before it as skipped by choice."""
    ex = catalog.get(name)
    for earlier in catalog.exercises[: catalog.index(ex.name)]:
        if progress.state_of(earlier.name) == "pending":
            progress.mark_skipped(earlier.name, f"skipped with --start-from {name}")
    progress.current = ex.name
