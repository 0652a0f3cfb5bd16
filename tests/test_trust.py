"""Verdicts you can trust: each case here once gave a wrong verdict or lost data."""
from __future__ import annotations

import json
import os
import sys
import textwrap

import pytest
from click.testing import CliRunner

from dlings.catalog import load_catalog
from dlings.cli import cli
from dlings.session import Session, job_for
from dlings.state import load_progress, state_path
from dlings.verdict import Status

RIGHT = "import torch\ndef double(x):\n    return x * 2\n"
WRONG = "import torch\ndef double(x):\n    return x + 2\n"   # same size as RIGHT


@pytest.fixture
def bytecode_on(monkeypatch):
    """As on a learner's machine: PYTHONDONTWRITEBYTECODE unset, bytecode allowed."""
    monkeypatch.delenv("PYTHONDONTWRITEBYTECODE", raising=False)
    monkeypatch.setattr(sys, "dont_write_bytecode", False)


@pytest.mark.parametrize("first, then, verdict_then", [(RIGHT, WRONG, Status.FAILED), (WRONG, RIGHT, Status.PASSED)])
def test_same_size_edit_in_the_same_second_is_judged_anew(curriculum, workspace, any_engine, bytecode_on,
                                                           first, then, verdict_then):
    assert len(RIGHT) == len(WRONG)
    catalog = load_catalog(curriculum.root)
    ex = catalog.get("first")
    path = workspace / "exercises" / "01_demo" / "first.py"
    job = job_for(catalog, ex, path, "exercises/01_demo/first.py")
    path.write_text(first)
    stamp = os.stat(path).st_mtime_ns
    any_engine.run(job)
    path.write_text(then)
    os.utime(path, ns=(stamp, stamp))  # same size, same mtime: what a quick editor save can give
    assert any_engine.run(job).status is verdict_then
    assert not (path.parent / "__pycache__").exists(), "learner files must never get bytecode"


def test_source_seen_by_inspect_is_the_text_judged(judge_source):
    verdict = judge_source("import inspect, torch\ndef double(x):\n    return x * 2\n"
                           "SRC = inspect.getsource(double)\nassert 'x * 2' in SRC\n")
    assert verdict.status is Status.PASSED, verdict.message


@pytest.fixture
def judge_source(curriculum, any_engine, tmp_path):
    catalog = load_catalog(curriculum.root)

    def run(source: str):
        path = tmp_path / "learner.py"
        path.write_text(textwrap.dedent(source))
        return any_engine.run(job_for(catalog, catalog.get("first"), path, "exercises/01_demo/first.py"))

    return run


# -- learner code that pytest would take as control flow ------------------------------------
@pytest.mark.parametrize("line, words", [
    ("raise KeyboardInterrupt", "raised KeyboardInterrupt"),
    ("import pytest; pytest.exit('bye')", "called pytest.exit()"),
    ("import pytest; pytest.skip('later')", "called pytest.skip()"),
    ("import unittest; raise unittest.SkipTest('later')", "raised unittest.SkipTest"),
])
@pytest.mark.parametrize("when", ["import", "call"])
def test_exit_skip_and_interrupt_in_learner_code_are_the_learners_error(judge_source, line, words, when):
    if when == "import":
        source = f"{line}\ndef double(x):\n    return x * 2\n"
    else:
        source = f"def double(x):\n    {line}\n"
    verdict = judge_source(source)
    assert verdict.status is Status.ERROR, (verdict.status, verdict.message)
    assert words in verdict.message
    assert "bug in the curriculum" not in verdict.message


def test_a_check_may_still_skip_itself(curriculum, any_engine, tmp_path):
    curriculum.add("skipper", check="import pytest\n\ndef test_s(exercise):\n    pytest.skip('no GPU here')\n")
    catalog = load_catalog(curriculum.root)
    path = tmp_path / "s.py"
    path.write_text(RIGHT)
    verdict = any_engine.run(job_for(catalog, catalog.get("skipper"), path, "s.py"))
    assert verdict.status is Status.SKIPPED


# -- the import-time guard ------------------------------------------------------------------
@pytest.mark.parametrize("patch", [
    "torch.Tensor.all = lambda self, *a, **k: torch.tensor(True)",          # an addition
    "torch.allclose = lambda *a, **k: True",                               # a replacement
    "import numpy; numpy.allclose = lambda *a, **k: True",
    "import builtins; builtins.abs = lambda x: 0",
])
def test_import_time_patches_are_caught_and_undone(judge_source, patch):
    verdict = judge_source(f"import torch\n{patch}\n" + WRONG)
    assert verdict.status is Status.FAILED
    assert "replaces or adds parts of torch" in verdict.message
    import builtins

    import numpy
    import torch
    assert "all" not in vars(torch.Tensor) and torch.allclose.__module__ != "learner"
    assert builtins.abs(-1) == 1 and numpy.allclose(1, 1)


def test_default_dtype_change_is_named(judge_source):
    verdict = judge_source("import torch\ntorch.set_default_dtype(torch.float64)\n" + RIGHT)
    assert verdict.status is Status.FAILED
    assert "default dtype" in verdict.message and "Storage" not in verdict.message


def test_tensor_subclass_cannot_fake_a_comparison(judge_source):
    verdict = judge_source("""
        import torch
        class Liar(torch.Tensor):
            @classmethod
            def __torch_function__(cls, func, types, args=(), kwargs=None):
                out = super().__torch_function__(func, types, args, kwargs or {})
                if getattr(func, "__name__", "") in ("isclose", "eq", "equal", "allclose", "all"):
                    return torch.tensor(True) if not isinstance(out, torch.Tensor) or out.dim() == 0 else torch.ones_like(out, dtype=torch.bool)
                return out
        def double(x):
            return (x + 2).as_subclass(Liar)
    """)
    assert verdict.status is Status.FAILED, verdict.message


# -- writes stay inside the workspace ------------------------------------------------------
def test_reset_replaces_a_symlink_instead_of_writing_through_it(curriculum, workspace, tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("my precious notes\n")
    path = workspace / "exercises" / "01_demo" / "first.py"
    path.unlink()
    path.symlink_to(notes)
    result = CliRunner().invoke(cli, ["reset", "first", "-y"])
    assert result.exit_code == 0, result.output
    assert notes.read_text() == "my precious notes\n"
    assert not path.is_symlink() and "TODO" in path.read_text()
    backups = list((workspace / ".dlings" / "backups").rglob("first.py"))
    assert backups and backups[0].read_text() == "my precious notes\n"


def test_solution_reveal_never_follows_links_out_of_the_workspace(curriculum, workspace, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (workspace / "solutions" / "01_demo").mkdir(parents=True, exist_ok=True)
    victim = outside / "victim.py"
    victim.write_text("keep me")
    (workspace / "solutions" / "01_demo" / "first.py").symlink_to(victim)
    session = Session.open(workspace)
    session.workspace.reveal_solution(session.catalog.get("first"))
    assert victim.read_text() == "keep me"
    import shutil
    shutil.rmtree(workspace / "solutions" / "01_demo")
    (workspace / "solutions" / "01_demo").symlink_to(outside)
    from dlings.workspace import WorkspaceError
    with pytest.raises(WorkspaceError, match="outside the workspace"):
        session.workspace.reveal_solution(session.catalog.get("first"))
    assert sorted(p.name for p in outside.iterdir()) == ["victim.py"]


# -- init never loses the user's files ------------------------------------------------------
def test_init_in_a_folder_with_files_keeps_them(curriculum, tmp_path):
    target = tmp_path / "proj"
    (target / ".vscode").mkdir(parents=True)
    (target / ".gitignore").write_text("node_modules/\n__pycache__/\n")
    (target / ".vscode" / "settings.json").write_text('{"mine": true}\n')
    result = CliRunner().invoke(cli, ["init", str(target)])
    assert result.exit_code == 0, result.output
    gitignore = (target / ".gitignore").read_text()
    assert gitignore.startswith("node_modules/\n__pycache__/\n") and ".dlings/" in gitignore
    assert gitignore.count("__pycache__/") == 1
    assert (target / ".vscode" / "settings.json").read_text() == '{"mine": true}\n'
    assert "kept your .vscode/settings.json" in result.output
    assert (target / "README.md").is_file() and "dlings run" in (target / "README.md").read_text()


def test_init_with_an_unknown_start_creates_nothing(curriculum, tmp_path):
    target = tmp_path / "new"
    result = CliRunner().invoke(cli, ["init", str(target), "--start-from", "nope"])
    assert result.exit_code != 0 and "nope" in result.output
    assert not target.exists()
    assert CliRunner().invoke(cli, ["init", str(target)]).exit_code == 0


def test_init_prints_a_path_that_works_from_here(curriculum, tmp_path, monkeypatch):
    elsewhere = tmp_path / "a" / "b"
    elsewhere.mkdir(parents=True)
    monkeypatch.chdir(elsewhere)
    target = tmp_path / "x"
    result = CliRunner().invoke(cli, ["init", str(target)])
    assert f"cd {target}" in result.output and "dlings run" in result.output and "dlings hint" in result.output


# -- the state file -------------------------------------------------------------------------
def test_non_utf8_state_is_rebuilt_with_a_warning(curriculum, workspace):
    state_path(workspace).write_bytes(b"\xff\xfe{not json")
    catalog = load_catalog(curriculum.root)
    progress = load_progress(workspace, catalog)
    assert progress.current == "first"
    assert any("not UTF-8" in w for w in progress.warnings)
    assert list((workspace / ".dlings").glob("state.json.corrupt-*"))


def test_bad_field_values_are_dropped(curriculum, workspace):
    data = json.loads(state_path(workspace).read_text())
    data["hints_seen"] = {"first": -3, "second": 1}
    data["done"] = {"first": "yesterday", "second": 12.0}
    state_path(workspace).write_text(json.dumps(data))
    progress = load_progress(workspace, load_catalog(curriculum.root))
    assert progress.hints_seen == {"second": 1} and progress.done == {"second": 12.0}
    result = CliRunner().invoke(cli, ["hint", "first"])
    assert result.exit_code == 0 and "Hint 1/2" in result.output


def test_two_processes_sharing_a_workspace_lose_nothing(curriculum, workspace):
    watcher = Session.open(workspace)          # a watcher holding its state in memory
    other = Session.open(workspace)            # `dlings run` / `dlings hint` in another terminal
    other.progress.mark_done("first")
    other.save()
    other.hint(other.catalog.get("second"))
    watcher.progress.current = "third"         # the watcher moves on, then quits
    watcher.save()
    final = load_progress(workspace, load_catalog(curriculum.root))
    assert "first" in final.done and final.hints_seen.get("second") == 1 and final.current == "third"
    assert watcher.progress.done.keys() == {"first"}


def test_a_watcher_picks_up_changes_made_elsewhere(curriculum, workspace):
    watcher = Session.open(workspace)
    assert not watcher.refresh()
    other = Session.open(workspace)
    other.progress.mark_done("second")
    other.save()
    assert watcher.refresh() and "second" in watcher.progress.done


def test_run_prints_the_verdict_before_a_save_error(curriculum, workspace, monkeypatch):
    (workspace / "exercises" / "01_demo" / "first.py").write_text(RIGHT)

    def read_only(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("dlings.session.save_progress", read_only)   # as with `chattr +i state.json`
    result = CliRunner().invoke(cli, ["run", "first"])
    assert "PASSED" in result.output.upper()
    assert "progress could not be saved" in result.output and "Permission denied" in result.output
    assert "Traceback" not in result.output


# -- nothing a check starts outlives it ------------------------------------------------------
def _pid_alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as handle:
            return handle.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.parametrize("detach", [True, False])
def test_processes_started_by_learner_code_end_with_the_check(curriculum, workspace, tmp_path, detach):
    import subprocess

    pid_file = tmp_path / "pid"
    (workspace / "exercises" / "01_demo" / "first.py").write_text(
        "import subprocess\n"
        f"p = subprocess.Popen(['sleep', '1000'], start_new_session={detach})\n"
        f"open({str(pid_file)!r}, 'w').write(str(p.pid))\n" + RIGHT)
    subprocess.run([sys.executable, "-m", "dlings", "run", "first"], cwd=workspace, capture_output=True, timeout=120)
    pid = int(pid_file.read_text())
    deadline = __import__("time").monotonic() + 5
    while _pid_alive(pid) and __import__("time").monotonic() < deadline:
        __import__("time").sleep(0.05)
    assert not _pid_alive(pid), "the learner's sleep outlived its check"


def test_temp_folders_of_dead_engines_are_removed():
    import tempfile
    from pathlib import Path

    from dlings.engine import make_engine

    stale = Path(tempfile.gettempdir()) / "dlings-checks-999999999-abc"
    stale.mkdir(exist_ok=True)
    (stale / "1.out").write_text("x")
    engine = make_engine(name="fork")
    try:
        assert not stale.exists()
        assert Path(engine._tmp).is_dir()
    finally:
        engine.close()


def test_a_library_named_like_numpy_in_the_workspace_does_not_break_the_checker(workspace):
    import subprocess

    from dlings.worker_client import checker_command

    (workspace / "numpy.py").write_text("raise ImportError('this is the learner numpy.py')\n")
    proc = subprocess.Popen(checker_command(), cwd=workspace, stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        line = proc.stdout.readline()
        assert json.loads(line)["event"] == "ready", proc.stderr.read()
    finally:
        proc.kill()
        proc.wait()


def test_checker_and_spares_start_the_same_way_without_the_working_folder(tmp_path, monkeypatch):
    """One helper starts both the checker and the pool's spares; a json.py in the working folder (or an
    empty PYTHONPATH entry, which also means it) does not shadow the real module."""
    import subprocess

    from dlings.engine import pool
    from dlings.engine.processes import python_module_command
    from dlings.worker_client import checker_command

    assert checker_command() == python_module_command("dlings.worker")
    started = []

    def popen(argv, **kwargs):
        started.append(argv)
        raise RuntimeError("not started")

    with monkeypatch.context() as patch:   # subprocess.Popen itself: undone before anything else starts
        patch.setattr(pool.subprocess, "Popen", popen)
        with pytest.raises(RuntimeError, match="not started"):
            pool._Spare(str(tmp_path))
    assert started == [python_module_command("dlings.engine.spare")]

    (tmp_path / "json.py").write_text("raise SystemExit('the learner json.py was imported')\n")
    env = dict(os.environ, PYTHONPATH=":" + os.environ.get("PYTHONPATH", ""))
    done = subprocess.run(python_module_command("json.tool"), cwd=tmp_path, input='{"a": 1}', text=True,
                          capture_output=True, env=env)
    assert done.returncode == 0 and '"a": 1' in done.stdout, done.stderr


def test_a_library_that_wraps_a_torch_function_is_not_a_patch(judge_source):
    # torchvision.transforms.v2, imported for the first time, wraps torch.manual_seed.
    verdict = judge_source("import torch\nimport torchvision.transforms.v2\n" + RIGHT)
    assert verdict.status is Status.PASSED, verdict.message
