"""Learner code never hurts the runner or the learner's work: each bad case ends in a clear message.

The engine-level cases (crash kinds, memory, output flood, cheating) are in
test_engine.py; here they go through `dlings run`, the TUI pilot, the file
watcher, and Ctrl-C in a real terminal.
"""
from __future__ import annotations

import os
import signal
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from dlings.cli import cli
from dlings.verdict import Status
from dlings.watcher import ExerciseWatcher

BAD_CODE = {
    "syntax": ("def double(x)\n    return x * 2\n", "Syntax error in exercises/01_demo/first.py at line 1"),
    "indentation": ("def double(x):\nreturn x\n", "Indentation error in exercises/01_demo/first.py at line 2"),
    "import": ("import tochr\n", "imports 'tochr'"),
    "name": ("from torch import tensr\n", "Import failed at line 1"),
    "loop_at_import": ("while True:\n    pass\n", "ran longer than 1 s"),
    "loop_in_function": ("def double(x):\n    while True:\n        pass\n", "ran longer than 1 s"),
    "huge": ("import torch\nx = torch.empty(10**12)\n", "more memory than this exercise allows"),
    "abort": ("import os\nos.abort()\n", "crashed"),
    "exit": ("import os\nos._exit(3)\n", "exit code 3"),
    "sys_exit": ("import sys\nsys.exit()\n", "sys.exit"),
    "empty": ("", "is empty"),
}


@pytest.fixture
def quick_timeout(curriculum):
    curriculum.entries[0] += "timeout = 1\n"
    curriculum.write_info()


@pytest.mark.parametrize("case", sorted(BAD_CODE))
def test_bad_code_through_dlings_run(curriculum, quick_timeout, workspace, case):
    source, expected = BAD_CODE[case]
    (workspace / "exercises" / "01_demo" / "first.py").write_text(source)
    result = CliRunner().invoke(cli, ["run", "first"], catch_exceptions=False)
    assert result.exit_code == 1, result.output
    assert expected in result.output
    assert "Traceback" not in result.output


def test_exercise_replaced_by_a_folder(curriculum, workspace):
    path = workspace / "exercises" / "01_demo" / "first.py"
    path.unlink()
    path.mkdir()
    result = CliRunner().invoke(cli, ["run", "first"])
    assert result.exit_code == 1 and "is not a file" in result.output and "dlings reset first" in result.output


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_exercise(curriculum, workspace):
    path = workspace / "exercises" / "01_demo" / "first.py"
    path.chmod(0)
    result = CliRunner().invoke(cli, ["run", "first"])
    assert result.exit_code == 1 and "cannot be read" in result.output


@pytest.mark.parametrize("case", ["syntax", "loop_in_function", "abort", "huge"])
async def test_bad_code_in_the_tui_keeps_it_responsive(curriculum, quick_timeout, workspace, engine, case):
    from test_tui import make_app, screen_text, wait_for_verdict

    source, expected = BAD_CODE[case]
    (workspace / "exercises" / "01_demo" / "first.py").write_text(source)
    app = make_app(engine)
    async with app.run_test(size=(110, 36)) as pilot:
        verdict = await wait_for_verdict(app, pilot)
        assert verdict.status is not Status.PASSED
        assert expected in screen_text(app)
        await pilot.press("h")
        assert "Hint 1/2" in screen_text(app)
        (workspace / "exercises" / "01_demo" / "first.py").write_text("def double(x):\n    return x * 2\n")
        await pilot.press("r")
        assert (await wait_for_verdict(app, pilot, verdict)).status is Status.PASSED


async def test_stale_verdicts_are_never_shown(curriculum, workspace, engine):
    from test_tui import make_app, wait_for_verdict

    app = make_app(engine)
    async with app.run_test(size=(110, 36)) as pilot:
        await wait_for_verdict(app, pilot)
        shown = app.main.verdict
        stale = {"name": "first", "status": "passed", "message": ""}
        app.main._from_checker([{"event": "verdict", "id": -7, "verdict": stale}])
        await pilot.pause(0.1)
        assert app.main.verdict is shown


def _watch(tmp_path):
    calls: list[tuple[Path, str]] = []
    folder = tmp_path / "exercises"
    folder.mkdir()
    target = folder / "ex.py"
    target.write_text("start\n")
    watcher = ExerciseWatcher(folder, lambda p: calls.append((p, p.read_text())), debounce=0.15)
    assert watcher.start() in ("events", "polling")
    time.sleep(0.2)
    return watcher, target, calls


def test_twenty_saves_in_a_second_give_the_first_at_once_then_one_check_of_the_final_content(tmp_path):
    watcher, target, calls = _watch(tmp_path)
    try:
        for i in range(20):
            target.write_text(f"version {i}\n")
            time.sleep(0.03)
        time.sleep(0.8)
    finally:
        watcher.stop()
    assert [content for _, content in calls] == ["version 0\n", "version 19\n"]


@pytest.mark.parametrize("style", ["rename_over", "delete_create", "backup_then_write"])
def test_editor_save_styles_give_exactly_one_check(tmp_path, style):
    watcher, target, calls = _watch(tmp_path)
    try:
        if style == "rename_over":  # VS Code / JetBrains atomic save
            tmp = target.with_name(".ex.py.tmp")
            tmp.write_text("new\n")
            os.replace(tmp, target)
        elif style == "delete_create":
            target.unlink()
            target.write_text("new\n")
        else:  # vim with backupcopy=no: move the original aside, write anew, drop the backup
            backup = target.with_name("ex.py~")
            os.replace(target, backup)
            target.write_text("new\n")
            backup.unlink()
        time.sleep(0.8)
    finally:
        watcher.stop()
    assert [content for path, content in calls if path == target.resolve()] == ["new\n"]


# -- Ctrl-C in every mode: state saved, terminal restored, nothing left running ----------------

pexpect = pytest.importorskip("pexpect")


def _descendants(pid: int) -> set[int]:
    found, todo = set(), [pid]
    while todo:
        current = todo.pop()
        try:
            tasks = os.listdir(f"/proc/{current}/task")
        except OSError:
            continue
        for task in tasks:
            try:
                kids = open(f"/proc/{current}/task/{task}/children").read().split()
            except OSError:
                continue
            for kid in map(int, kids):
                if kid not in found:
                    found.add(kid)
                    todo.append(kid)
    return found


def _alive(pids: set[int]) -> set[int]:
    alive = set()
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as stat:
                if stat.read().split(") ")[1].split()[0] != "Z":
                    alive.add(pid)
        except OSError:
            pass
    return alive


def _spawn(args, cwd):
    env = dict(os.environ, TERM="xterm-256color")
    return pexpect.spawn(sys.executable, ["-m", "dlings", *args], cwd=str(cwd), env=env,
                         dimensions=(32, 110), encoding="utf-8", timeout=90)


def _interrupt_and_check(child, started_pids_after: float = 0.5):
    time.sleep(started_pids_after)
    family = _descendants(child.pid)
    child.sendintr()
    child.expect(pexpect.EOF, timeout=20)
    child.close()
    time.sleep(0.5)
    assert _alive(family) == set(), "processes left behind after Ctrl-C"
    return child


def test_ctrl_c_in_watch(curriculum, workspace):
    child = _spawn(["watch"], workspace)
    child.expect("NOT YET")
    child.send("h")
    child.expect("Hint 1/2")
    child = _interrupt_and_check(child)
    assert child.exitstatus == 0
    assert '"first":1' in (workspace / ".dlings" / "state.json").read_text().replace(" ", "")


def test_ctrl_c_in_plain_watch(curriculum, workspace):
    child = _spawn(["watch", "--plain"], workspace)
    child.expect("NOT YET")
    _interrupt_and_check(child)


def test_ctrl_c_during_a_long_check(curriculum, workspace):
    started = workspace / "looping"
    (workspace / "exercises" / "01_demo" / "first.py").write_text(
        f"open({str(started)!r}, 'w').close()\nwhile True:\n    pass\n")
    child = _spawn(["run", "first"], workspace)
    for _ in range(600):  # torch imported and the check child looping (slow on a loaded machine)
        if started.exists():
            break
        time.sleep(0.1)
    assert started.exists(), "the check never started"
    child = _interrupt_and_check(child, started_pids_after=0.2)
    assert child.exitstatus == 130 or child.signalstatus == signal.SIGINT
