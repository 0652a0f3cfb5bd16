"""One learner session: the curriculum, the workspace, progress, and how a verdict moves it on.

The CLI and the TUI both go through here so that passing, skipping, hints and
resets mean the same thing everywhere.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from dlings.catalog import Catalog, Exercise, load_catalog
from dlings.engine import CheckJob, Engine
from dlings.paths import curriculum_root, find_workspace
from dlings.state import Progress, StateError, load_progress, refresh_progress, save_progress
from dlings.verdict import Status, Verdict
from dlings.workspace import Workspace


class ProgressNotSaved(Exception):
    """The state file could not be written; the message is one line for the learner."""


class NoWorkspace(Exception):
    def __init__(self, here: Path):
        super().__init__(
            f"There is no dlings workspace in {here} or above it.\n"
            "Create one and start:\n\n"
            "    dlings init dlings-work\n"
            "    cd dlings-work\n"
            "    dlings watch\n"
        )


def job_for(catalog: Catalog, ex: Exercise, exercise_file: Path, display_path: str,
            threads: int | None = None) -> CheckJob:
    check = catalog.check_path(ex)
    checks_dir = catalog.root / "checks"
    return CheckJob(
        name=ex.name, check_file=str(check), exercise_file=str(exercise_file), display_path=display_path,
        needs=ex.needs, timeout=ex.timeout, memory_mb=ex.memory_mb, threads=threads,
        guarded_files=(str(check), str(checks_dir / "conftest.py"), str(checks_dir / "pytest.ini")),
    )


@dataclass
class Session:
    catalog: Catalog
    workspace: Workspace
    progress: Progress

    @classmethod
    def open(cls, start: Path | None = None) -> "Session":
        root = find_workspace(start)
        if root is None:
            raise NoWorkspace((start or Path.cwd()).resolve())
        catalog = load_catalog(curriculum_root())
        return cls(catalog, Workspace(root, catalog), load_progress(root, catalog))

    def save(self) -> None:
        try:
            save_progress(self.workspace.root, self.progress, self.catalog)
        except (OSError, StateError) as exc:
            detail = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            raise ProgressNotSaved(f"progress could not be saved to .dlings/state.json ({detail}); "
                                   "check that file and its folder are writable.") from None

    def refresh(self) -> bool:
        """Take in progress another dlings process saved; True when something changed."""
        return refresh_progress(self.workspace.root, self.progress, self.catalog)

    @property
    def current(self) -> Exercise:
        return self.catalog.get(self.progress.current or self.catalog.exercises[0].name)

    def job(self, ex: Exercise) -> CheckJob:
        return job_for(self.catalog, ex, self.workspace.exercise_file(ex), self.workspace.display_path(ex))

    def missing_file_verdict(self, ex: Exercise) -> Verdict | None:
        path = self.workspace.exercise_file(ex)
        display = self.workspace.display_path(ex)
        if not path.exists():
            why = "does not exist (deleted or renamed?)"
        elif not path.is_file():
            why = "is not a file"
        else:
            try:
                text = path.read_bytes()
            except OSError as exc:
                why = f"cannot be read ({exc.strerror})"
            else:
                if text.strip():
                    return None
                why = "is empty"
        return Verdict(ex.name, Status.MISSING,
                       f"{display} {why}.\nRun `dlings reset {ex.name}` to get the original back "
                       "(any other version is kept in a backup first).")

    def judge(self, ex: Exercise, engine: Engine, record: bool = True, **callbacks) -> Verdict:
        """Check `ex` now (in this process's engine) and, unless told not to, record the verdict.

        `callbacks` (on_metric, on_event) receive what a training check reports while it runs."""
        verdict = self.missing_file_verdict(ex) or engine.run(self.job(ex), **callbacks)
        if record:
            self.record(verdict)
        return verdict

    def note(self, verdict: Verdict) -> None:
        """Move progress on from a verdict in memory only (`record` also saves it)."""
        if verdict.status is Status.PASSED:
            self.progress.mark_done(verdict.name, verdict.ran_on)
        elif verdict.status is Status.SKIPPED:
            self.progress.mark_skipped(verdict.name, verdict.message or "needs hardware this machine lacks")

    def record(self, verdict: Verdict) -> None:
        """Move progress on from a verdict and save it."""
        self.note(verdict)
        if verdict.status is Status.PASSED:
            self.workspace.reveal_solution(self.catalog.get(verdict.name))
        self.save()

    def advance(self) -> str | None:
        """Make the next pending exercise current; None when everything is done or skipped."""
        nxt = self.progress.first_pending(self.catalog, after=self.progress.current)
        if nxt is not None:
            self.progress.current = nxt
            self.save()
        return nxt

    def set_current(self, name: str) -> Exercise:
        ex = self.catalog.get(name)
        self.progress.current = ex.name
        self.save()
        return ex

    def hint(self, ex: Exercise, save: bool = True) -> tuple[int, str] | None:
        index = self.progress.next_hint(ex.name, len(ex.hints))
        if index is None:
            return None
        if save:
            self.save()
        return index, ex.hints[index]

    def reset(self, exercises: list[Exercise], label: str) -> Path | None:
        backup = self.workspace.reset(exercises, label)
        for ex in exercises:
            self.progress.mark_pending(ex.name)
        self.save()
        return backup
