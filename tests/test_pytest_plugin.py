"""The pytest plugin (dlings.pytest_plugin) under pytest's own `pytester`: a check run the way pytest
runs it, in a throw-away curriculum, with the reports read back from pytest's hooks.

The fixtures (`exercise`, `exercise_path`, `report`, `needs`), the tamper guard and the hook that
turns a learner's exception into a verdict's status and words. The runs are in-process
(`inline_run`), so the reports keep the attributes the plugin sets (dlings_status, dlings_message).
"""
from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

from dlings import pytest_plugin
from dlings.verdict import Status

pytest_plugins = ["pytester"]

REPO_CHECKS = Path(__file__).resolve().parent.parent / "checks"

CHECK = """
import torch
from dlings.testing import expect_close


def test_double(exercise):
    x = torch.arange(4.0)
    expect_close(exercise.double(x), x * 2, what="double(x)")
"""
RIGHT = "def double(x):\n    return x * 2\n"


@pytest.fixture
def check(pytester, monkeypatch):
    """A one-exercise curriculum in pytester's folder; returns a function that runs its check."""
    monkeypatch.delenv("DLINGS_ASSUME_NEEDS", raising=False)
    monkeypatch.setattr(pytest_plugin, "active_context", None)
    root = pytester.path
    (root / "checks" / "01_demo").mkdir(parents=True)
    shutil.copy(REPO_CHECKS / "conftest.py", root / "checks" / "conftest.py")
    shutil.copy(REPO_CHECKS / "pytest.ini", root / "checks" / "pytest.ini")

    def write(exercise: str = RIGHT, solution: str = RIGHT, test: str = CHECK, needs: str = "[]"):
        for tree, text in (("exercises", exercise), ("solutions", solution)):
            (root / tree / "01_demo").mkdir(parents=True, exist_ok=True)
            (root / tree / "01_demo" / "double.py").write_text(textwrap.dedent(text))
        (root / "checks" / "01_demo" / "test_double.py").write_text(textwrap.dedent(test))
        (root / "info.toml").write_text('format_version = 1\n\n[[exercises]]\nname = "double"\ndir = "01_demo"\n'
                                        f"needs = {needs}\n")

    def run(*args, **files):
        write(**files)
        result = pytester.inline_run(str(root / "checks" / "01_demo" / "test_double.py"), "-p", "no:cacheprovider",
                                     *args)
        reports = [r for r in result.getreports("pytest_runtest_logreport") if r.when == "call" or r.failed
                   or r.skipped]
        return result, reports

    return run


def _failure(reports):
    failed = [r for r in reports if r.failed]
    assert failed, "the check should have failed"
    return failed[0]


def test_exercise_is_the_learners_module_from_the_chosen_tree(check, pytester):
    result, _ = check()
    result.assertoutcome(passed=1)
    result, _ = check("--dlings-tree=solutions", exercise="def double(x):\n    return x + 2\n")
    result.assertoutcome(passed=1)   # the solution tree, not the wrong exercise
    mistake = pytester.path / "wrong.py"
    mistake.write_text("def double(x):\n    return x + 2\n")
    result, reports = check(f"--dlings-file={mistake}")
    result.assertoutcome(failed=1)
    assert _failure(reports).dlings_status is Status.FAILED


def test_exercise_path_and_a_missing_file(check, pytester):
    test = "def test_path(exercise_path):\n    assert exercise_path.name == 'double.py'\n"
    result, _ = check(test=test)
    result.assertoutcome(passed=1)
    result, reports = check(f"--dlings-file={pytester.path / 'gone.py'}")
    failure = _failure(reports)
    assert failure.dlings_status is Status.MISSING and "does not exist" in failure.dlings_message


def test_report_streams_metrics_targets_and_progress_to_the_runner(check, monkeypatch, pytester):
    test = """
    def test_train(exercise, report):
        report.target("loss", 0.1, higher_is_better=False)
        for step in range(3):
            report("loss", 1.0 / (step + 1), step)
            report.progress(step + 1, 3)
    """
    result, _ = check(test=test)   # without the runner: report is a no-op
    result.assertoutcome(passed=1)
    metrics, events = [], []
    context = pytest_plugin.RunContext(pytester.path / "exercises" / "01_demo" / "double.py", "exercises/double.py",
                                       metric_sink=lambda *point: metrics.append(point), event_sink=events.append)
    monkeypatch.setattr(pytest_plugin, "active_context", context)
    result, _ = check(test=test)
    result.assertoutcome(passed=1)
    assert metrics == [("loss", 1.0, 0), ("loss", 0.5, 1), ("loss", pytest.approx(1 / 3), 2)]
    assert events[0] == {"kind": "target", "metric": "loss", "value": 0.1, "higher_is_better": False}
    assert events[-1] == {"kind": "progress", "step": 3, "total": 3}


def test_needs_turns_missing_hardware_into_a_skip(check, monkeypatch):
    result, reports = check(needs='["cuda"]')
    result.assertoutcome(skipped=1)
    skipped = next(r for r in reports if r.skipped)
    assert "CUDA GPU" in skipped.longrepr[2]
    monkeypatch.setenv("DLINGS_ASSUME_NEEDS", "cuda")   # how a fake remote stands in for a GPU
    result, _ = check(needs='["cuda"]')
    result.assertoutcome(passed=1)


def test_the_tamper_guard_fails_a_patched_torch_and_puts_it_back(check):
    import torch

    original = torch.allclose
    patched = "import torch\ntorch.allclose = lambda *a, **k: True\n" + RIGHT
    result, reports = check(exercise=patched)
    failure = _failure(reports)
    assert failure.dlings_status is Status.FAILED
    assert "replaces or adds parts of torch" in failure.dlings_message and "allclose" in failure.dlings_message
    assert torch.allclose is original


def test_a_changed_default_dtype_is_named_and_undone(check):
    import torch

    result, reports = check(exercise="import torch\ntorch.set_default_dtype(torch.float64)\n" + RIGHT)
    failure = _failure(reports)
    assert "default dtype" in failure.dlings_message and torch.get_default_dtype() is torch.float32


def test_a_learner_error_is_explained_at_the_learners_line(check):
    unwritten = "def double(x):\n    # TODO\n    raise NotImplementedError\n"
    result, reports = check(exercise=unwritten)
    failure = _failure(reports)
    assert failure.dlings_status is Status.ERROR
    assert "Not written yet" in failure.dlings_message and "double()" in failure.dlings_message
    assert failure.dlings_location.endswith("double.py:3")

    result, reports = check(exercise="def double(x)\n    return x * 2\n")
    failure = _failure(reports)
    assert failure.dlings_status is Status.ERROR and "Syntax error" in failure.dlings_message
    assert "line 1" in failure.dlings_message
    # by hand (no runner), the explanation is a section of pytest's own report
    assert ("dlings", failure.dlings_message) in failure.sections


def test_a_skip_raised_by_learner_code_is_the_learners_error(check):
    skipping = "import pytest\ndef double(x):\n    pytest.skip('no thanks')\n"
    result, reports = check(exercise=skipping)
    result.assertoutcome(failed=1)
    assert _failure(reports).dlings_status is not Status.SKIPPED
