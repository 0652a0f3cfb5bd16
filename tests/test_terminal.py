"""End to end in a real pseudo-terminal: start `dlings watch`, save a solution, read "PASSED"."""
import os
import shutil
import sys
import time

import pytest

pexpect = pytest.importorskip("pexpect")

DLINGS = [sys.executable, "-m", "dlings"]


def _screen(child) -> str:
    return child.before if isinstance(child.before, str) else ""


def test_watch_sees_a_save_and_shows_passed(curriculum, workspace):
    env = dict(os.environ, TERM="xterm-256color", COLUMNS="110", LINES="32")
    child = pexpect.spawn(DLINGS[0], DLINGS[1:] + ["watch"], cwd=str(workspace), env=env,
                          dimensions=(32, 110), encoding="utf-8", timeout=60)
    try:
        child.expect("NOT YET", timeout=90)  # the worker warmed up and judged the pristine file
        solution = curriculum.root / "solutions" / "01_demo" / "first.py"
        target = workspace / "exercises" / "01_demo" / "first.py"
        # Save the way editors with "atomic save" do: write a temp file, rename it over.
        tmp = target.with_name(".first.py.swp")
        shutil.copy(solution, tmp)
        saved = time.perf_counter()
        os.replace(tmp, target)
        child.expect("PASSED", timeout=10)
        assert time.perf_counter() - saved < 10
        child.send("q")
        child.expect(pexpect.EOF, timeout=15)
    finally:
        child.close(force=True)
    assert child.exitstatus == 0, child.exitstatus
    state = (workspace / ".dlings" / "state.json").read_text()
    assert '"first"' in state and "done" in state


def test_no_workspace_in_a_terminal(curriculum, tmp_path):
    child = pexpect.spawn(DLINGS[0], DLINGS[1:], cwd=str(tmp_path), encoding="utf-8", timeout=30)
    child.expect(pexpect.EOF)
    child.close()
    assert "dlings init dlings-work" in _screen(child)
    assert child.exitstatus == 2
