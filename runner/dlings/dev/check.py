"""`dlings dev check`: prove the curriculum is consistent and every check discriminates.

1. info.toml is valid and matches the three trees: every entry has its
   exercise, check and solution; no file lacks an entry (orphans); mistake
   files name a real exercise.
2. Every pristine exercise FAILS its check, every solution PASSES within its
   timeout, every `checks/<dir>/mistakes/<name>__<what>.py` FAILS.
3. No exercise is still a scaffold of `dlings dev new` (a placeholder left in
   a file or in the hints). Exercises with fewer than MIN_MISTAKES mistake
   files are flagged (a warning, listed per track).
"""
from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from dlings.catalog import Catalog, CatalogError, load_catalog
from dlings.engine import make_engine
from dlings.session import job_for
from dlings.verdict import Status, Verdict

# Plausible wrong answers every exercise ships (docs/AUTHORING.md).
MIN_MISTAKES = 3

# A pristine file or a mistake must fail the way a learner would see it:
# with a judged failure or an error in their code, not a crash or a timeout.
EXPECTED_FAILURES = {Status.FAILED, Status.ERROR}


@dataclass
class Run:
    exercise: str
    track: str
    kind: str              # "pristine", "solution", "mistake:<what>"
    path: Path
    expect_pass: bool
    verdict: Verdict | None = None

    @property
    def ok(self) -> bool:
        if self.verdict is None:
            return False
        if self.verdict.status is Status.SKIPPED:
            return True
        if self.expect_pass:
            return self.verdict.status is Status.PASSED
        return self.verdict.status in EXPECTED_FAILURES and bool(self.verdict.message.strip())

    def problem(self) -> str:
        v = self.verdict
        assert v is not None
        if self.expect_pass:
            return f"the solution should pass but got {v.status.value}: {first_line(v.message)}"
        if v.status is Status.PASSED:
            return f"{self.kind} should fail but PASSED: the check does not catch it"
        if not v.message.strip():
            return f"{self.kind} failed with an empty message"
        return f"{self.kind} should fail with a learner-facing message but got {v.status.value}: {first_line(v.message)}"


def first_line(text: str) -> str:
    return (text.strip().splitlines() or [""])[0][:160]


@dataclass
class TrackCount:
    """Per track: how many exercises and mistake files dev check counted, and which fall short."""
    track: str
    exercises: int = 0
    mistakes: int = 0
    short: list[tuple[str, int]] = field(default_factory=list)        # (exercise, mistake files) below MIN_MISTAKES
    incomplete: list[str] = field(default_factory=list)               # exercises still holding scaffold placeholders


@dataclass
class Report:
    problems: list[str] = field(default_factory=list)
    runs: list[Run] = field(default_factory=list)
    seconds: float = 0.0
    tracks: dict[str, TrackCount] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems and all(r.ok for r in self.runs)


def tree_problems(catalog: Catalog) -> list[str]:
    root = catalog.root
    problems = []
    known = {(ex.dir, ex.name) for ex in catalog}
    for tree, pattern, strip in (("exercises", "*.py", ""), ("solutions", "*.py", ""), ("checks", "test_*.py", "test_")):
        base = root / tree
        if not base.is_dir():
            problems.append(f"{tree}/ is missing.")
            continue
        for path in sorted(base.glob(f"*/{pattern}")):
            name = path.stem.removeprefix(strip)
            if (path.parent.name, name) not in known:
                problems.append(f"{path.relative_to(root)}: orphan; no [[exercises]] entry with "
                                f"name = \"{name}\", dir = \"{path.parent.name}\" in info.toml.")
    for path in sorted((root / "checks").glob("*/mistakes/*.py")):
        name, sep, what = path.stem.partition("__")
        if not sep or not what:
            problems.append(f"{path.relative_to(root)}: mistake files are named <exercise>__<what_is_wrong>.py.")
        elif (path.parent.parent.name, name) not in known:
            problems.append(f"{path.relative_to(root)}: names exercise '{name}', which track "
                            f"{path.parent.parent.name} does not have.")
    if not (root / "checks" / "conftest.py").is_file():
        problems.append("checks/conftest.py is missing; checks need it for the `exercise` fixture.")
    for ex in catalog:
        if len(ex.hints) < 1:
            problems.append(f"info.toml:{ex.line}: '{ex.name}' has no hints.")
    return problems


def count_tracks(catalog: Catalog, only: set[str] | None = None
                 ) -> tuple[dict[str, TrackCount], list[str], list[str]]:
    """Exercises and mistake files per track; problems (scaffolds left unfinished); warnings (too few mistakes)."""
    from dlings.dev.new import scaffold_parts

    tracks: dict[str, TrackCount] = {}
    problems, warnings = [], []
    for ex in catalog:
        if only and ex.name not in only and ex.dir not in only:
            continue
        count = tracks.setdefault(ex.dir, TrackCount(ex.dir))
        mistakes = len(catalog.mistake_paths(ex))
        count.exercises += 1
        count.mistakes += mistakes
        parts = scaffold_parts(catalog.root, ex.name, ex.dir, ex.hints)
        if parts:
            count.incomplete.append(ex.name)
            problems.append(f"info.toml:{ex.line}: '{ex.name}' is still a scaffold of `dlings dev new`: fill in "
                            f"{', '.join(parts)} (every `dlings-scaffold` placeholder).")
        if mistakes < MIN_MISTAKES:
            count.short.append((ex.name, mistakes))
            warnings.append(f"checks/{ex.dir}/mistakes/: '{ex.name}' has {mistakes} mistake file"
                            f"{'' if mistakes == 1 else 's'}; every exercise needs at least {MIN_MISTAKES} "
                            f"({ex.name}__<what_is_wrong>.py, each a plausible wrong answer the check must fail).")
    return tracks, problems, warnings


def plan_runs(catalog: Catalog, only: set[str] | None = None, with_mistakes: bool = True,
              needs: str | None = None) -> list[Run]:
    runs = []
    for ex in catalog:
        if only and ex.name not in only and ex.dir not in only:
            continue
        if needs and needs not in ex.needs:
            continue
        runs.append(Run(ex.name, ex.dir, "pristine", catalog.exercise_path(ex), expect_pass=False))
        runs.append(Run(ex.name, ex.dir, "solution", catalog.solution_path(ex), expect_pass=True))
        if with_mistakes:
            for mistake in catalog.mistake_paths(ex):
                what = mistake.stem.partition("__")[2]
                runs.append(Run(ex.name, ex.dir, f"mistake:{what}", mistake, expect_pass=False))
    return runs


def dev_check(root: Path, only: set[str] | None = None, parallel: int | None = None,
              on_progress: Callable[[Run], None] | None = None, with_mistakes: bool = True,
              needs: str | None = None) -> Report:
    started = time.perf_counter()
    report = Report()
    try:
        catalog = load_catalog(root)
    except CatalogError as exc:
        report.problems.extend(str(exc).splitlines())
        return report
    report.problems.extend(tree_problems(catalog))
    report.tracks, scaffolds, report.warnings = count_tracks(catalog, only)
    report.problems.extend(scaffolds)
    if only:
        unknown = only - {ex.name for ex in catalog} - set(catalog.tracks())
        report.problems.extend(f"--only {name}: no such exercise or track." for name in sorted(unknown))
    report.runs = plan_runs(catalog, only, with_mistakes, needs)
    parallel = parallel or max(1, os.cpu_count() or 1)
    threads = max(1, (os.cpu_count() or 1) // parallel)
    engine = make_engine(reap_orphans=True, spares=parallel)
    engine.prepare()
    jobs = {}
    for index, run in enumerate(report.runs):
        ex = catalog.get(run.exercise)
        job = job_for(catalog, ex, run.path, str(run.path.relative_to(root)), threads=threads)
        job.name = f"{index}"
        jobs[job.name] = (job, run)

    def done(job, verdict):
        run = jobs[job.name][1]
        verdict.name = run.exercise
        run.verdict = verdict
        if on_progress:
            on_progress(run)

    try:
        engine.run_many([job for job, _ in jobs.values()], parallel, done)
    finally:
        engine.close()
    report.seconds = time.perf_counter() - started
    return report
