"""The pytest side of dlings: fixtures for checks and learner-facing reports.

`checks/conftest.py` imports everything here, so a check file can ask for:

- `exercise`: the learner's module, imported fresh from the tree the runner
  chose (exercises/ for the learner, solutions/ for authors, or one mistake
  file during `dlings dev check`);
- `exercise_path`: the path of that file (to read its source);
- `report`: `report("loss", value, step)` streams a metric the TUI draws live;
  `report.target(...)` and `report.progress(...)` add its bar and progress;
- `needs`: the exercise's needs from info.toml, already turned into a skip.

Authors can run a check by hand:
    pytest checks/01_tensors/test_tensors3.py --dlings-tree=solutions
"""
from __future__ import annotations

import builtins
import importlib.util
import linecache
import sys
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Callable

import pytest

from dlings.learner_errors import explain
from dlings.verdict import Status

# Set by the runner in the check process; None when pytest is run by hand.
active_context: "RunContext | None" = None


@dataclass
class TestOutcome:
    nodeid: str
    status: Status
    message: str = ""
    location: str = ""
    longrepr: str = ""


@dataclass(eq=False)
class RunContext:
    """Registered by the runner: what to judge, and where results and metrics go."""

    exercise_file: Path
    display_path: str
    needs: tuple[str, ...] = ()
    metric_sink: Callable[[str, float, int | None], None] | None = None
    event_sink: Callable[[dict], None] | None = None
    outcomes: list[TestOutcome] = field(default_factory=list)

    def pytest_runtest_logreport(self, report):
        status = getattr(report, "dlings_status", None)
        if report.when == "call" and report.passed:
            self.outcomes.append(TestOutcome(report.nodeid, Status.PASSED))
        elif report.skipped and report.when in ("setup", "call"):
            reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
            self.outcomes.append(TestOutcome(report.nodeid, Status.SKIPPED, reason.removeprefix("Skipped: ")))
        elif report.failed:
            self.outcomes.append(TestOutcome(
                report.nodeid, status or Status.BROKEN, getattr(report, "dlings_message", ""),
                getattr(report, "dlings_location", ""), report.longreprtext,
            ))


class _Target:
    def __init__(self, path: Path, display: str, needs: tuple[str, ...]):
        self.path, self.display, self.needs = path, display, needs


def pytest_addoption(parser):
    group = parser.getgroup("dlings")
    group.addoption("--dlings-tree", choices=("exercises", "solutions"), default="exercises",
                    help="which tree the `exercise` fixture imports from")
    group.addoption("--dlings-file", default=None, help="judge this file instead (e.g. a mistake file)")
    group.addoption("--dlings-workspace", default=None, help="learner workspace holding exercises/")


def _target(request) -> _Target:
    return _target_for(Path(request.node.path), request.config)


def _target_for(check: Path, config) -> _Target:
    context = active_context
    if context is not None:
        return _Target(context.exercise_file, context.display_path, tuple(context.needs))
    check = check.resolve()
    name = check.stem.removeprefix("test_")
    track = check.parent.name
    root = check.parent.parent.parent
    needs = _needs_from_catalog(root, name)
    override = config.getoption("--dlings-file")
    if override:
        path = Path(override).resolve()
    else:
        tree = config.getoption("--dlings-tree")
        base = Path(config.getoption("--dlings-workspace") or root) if tree == "exercises" else root
        path = base / tree / track / f"{name}.py"
    return _Target(path, str(path), needs)


def _needs_from_catalog(root: Path, name: str) -> tuple[str, ...]:
    from dlings.catalog import CatalogError, load_catalog

    try:
        catalog = load_catalog(root, check_files=False)
        return catalog.get(name).needs if name in catalog else ()
    except CatalogError:
        return ()


class ExerciseLoadError(Exception):
    """The learner's file failed while being imported; the cause is chained."""


class ExerciseMissing(Exception):
    """The file to judge is not there (deleted, renamed)."""


class LearnerStopped(Exception):
    """Learner code raised something pytest treats as control flow (an exit, an
    interrupt, a skip); it is the learner's error, not the check's verdict."""


# Exceptions pytest would take as "stop the session" or "skip this test".
_CONTROL_FLOW = (KeyboardInterrupt, pytest.exit.Exception, pytest.skip.Exception, pytest.fail.Exception)


def _raised_in(exc: BaseException, path: Path) -> bool:
    tb = exc.__traceback__
    target = str(path)
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == target:
            return True
        tb = tb.tb_next
    return False


def _unittest_skip() -> type:
    import unittest

    return unittest.SkipTest


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    """A skip, exit or interrupt raised by the learner's code fails the check instead."""
    try:
        return (yield)
    except (*_CONTROL_FLOW, _unittest_skip()) as exc:
        context = active_context
        learner = context.exercise_file if context is not None else _target_for(Path(item.path), item.config).path
        if isinstance(exc, pytest.fail.Exception) or not _raised_in(exc, learner):
            raise
        raise LearnerStopped(type(exc).__name__) from exc


def load_exercise(path: Path) -> ModuleType:
    """Import the learner's file from the source text read now, never from bytecode.

    Python's import cache trusts a `.pyc` whose source has the same size and
    whole-second mtime, so a quick same-size edit would run the old code.
    Compiling the text read here judges exactly what is on disk, and the
    source is put in `linecache` so tracebacks and `inspect` see that text.
    """
    module_name = f"dlings_exercise_{path.stem}"
    sys.modules.pop(module_name, None)
    filename = str(path)
    source = path.read_bytes()
    code = compile(source, filename, "exec", dont_inherit=True)
    text = source.decode("utf-8", "replace")
    linecache.cache[filename] = (len(text), None, text.splitlines(keepends=True), filename)
    module = ModuleType(module_name)
    module.__file__ = filename
    module.__spec__ = importlib.util.spec_from_loader(module_name, loader=None, origin=filename)
    module.__dict__["__builtins__"] = builtins
    sys.modules[module_name] = module
    exec(code, module.__dict__)
    return module


@pytest.fixture(scope="module")
def needs(request) -> tuple[str, ...]:
    from dlings.needs import missing_needs, skip_reason

    target = _target(request)
    missing = missing_needs(target.needs)
    if missing:
        pytest.skip(skip_reason(missing))
    return target.needs


@pytest.fixture(scope="module")
def exercise_path(request, needs) -> Path:
    target = _target(request)
    if not target.path.is_file():
        raise ExerciseMissing(f"{target.display} does not exist. `dlings reset` restores the original.")
    return target.path


@pytest.fixture(scope="module")
def exercise(request, exercise_path) -> ModuleType:
    from dlings.engine.tamper import TorchSnapshot

    snapshot = TorchSnapshot.take()
    try:
        module = load_exercise(exercise_path)
    except BaseException as exc:  # noqa: BLE001 - everything the learner's import does is reported
        raise ExerciseLoadError(str(exc)) from exc
    if snapshot.dtype_changed():
        changed_dtype = torch_default_dtype()
        snapshot.restore()
        from dlings.testing import fail

        fail(f"Your file changes torch's default dtype at import (to {changed_dtype}, with "
             "torch.set_default_dtype). That changes every tensor the check makes, not just yours, so "
             "dlings put it back. Give your own tensors a dtype instead (dtype=torch.float64, or .double()).")
    changed = snapshot.changed()
    if changed:
        snapshot.restore()
        from dlings.testing import fail

        fail(f"Your file replaces or adds parts of torch, numpy, pytest or dlings ({', '.join(changed[:5])}).\n"
             "Checks judge your own results, so dlings put the originals back; remove those assignments.")
    return module


def torch_default_dtype():
    import torch

    return torch.get_default_dtype()


class Reporter:
    """What a training check shows the learner while it runs.

    - `report(metric, value, step=None)`: one point of a curve ("loss", 0.41, 120);
    - `report.target(metric, value, higher_is_better=True)`: the bar the check
      judges, drawn as a line beside that metric's curve;
    - `report.progress(step, total)`: how far a long check is, for a progress bar.
    """

    def __init__(self, context: "RunContext | None"):
        self._context = context

    def __call__(self, metric: str, value: float, step: int | None = None) -> None:
        context = self._context
        if context is not None and context.metric_sink is not None:
            context.metric_sink(str(metric), float(value), None if step is None else int(step))

    def target(self, metric: str, value: float, higher_is_better: bool = True) -> None:
        self._event({"kind": "target", "metric": str(metric), "value": float(value),
                     "higher_is_better": bool(higher_is_better)})

    def progress(self, step: int, total: int) -> None:
        self._event({"kind": "progress", "step": int(step), "total": int(total)})

    def _event(self, event: dict) -> None:
        context = self._context
        if context is not None and context.event_sink is not None:
            context.event_sink(event)


@pytest.fixture
def report(request) -> Reporter:
    """Stream training metrics, the bar they are judged by, and progress to the learner's screen."""
    return Reporter(active_context)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    rep = outcome.get_result()
    if call.excinfo is None or not rep.failed:
        return
    exc = call.excinfo.value
    during_import = isinstance(exc, ExerciseLoadError)
    if isinstance(exc, (ExerciseLoadError, LearnerStopped)) and exc.__cause__ is not None:
        exc = exc.__cause__
    context = active_context
    if context is not None:
        path, display = context.exercise_file, context.display_path
    else:
        try:
            target = _target_for(Path(item.path), item.config)
            path, display = target.path, target.display
        except Exception:  # noqa: BLE001
            path, display = Path("<unknown>"), "your file"
    if isinstance(exc, ExerciseMissing):
        rep.dlings_status, rep.dlings_message, rep.dlings_location = Status.MISSING, str(exc), ""
        return
    if isinstance(exc, pytest.fail.Exception):
        rep.dlings_status, rep.dlings_message, rep.dlings_location = Status.FAILED, str(exc), ""
        return
    explained = explain(exc, path, display, during_import=during_import)
    rep.dlings_status = explained.status
    rep.dlings_message = explained.message
    rep.dlings_location = explained.location
    if context is None:
        rep.sections.append(("dlings", explained.message))
    elif explained.status is not Status.BROKEN:
        # What `run --verbose` and the full-output view show the learner: their file's lines and the
        # check's failing step, not a traceback through the check's installed path and dlings' helpers.
        from dlings.learner_errors import learner_traceback

        try:
            rep.longrepr = learner_traceback(exc, path, display, Path(item.path), item.name)
        except Exception:  # noqa: BLE001 - the plain traceback is still there
            pass
