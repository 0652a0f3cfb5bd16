"""End to end in a real terminal: start `dlings watch`, save a solution, read the screen.

pexpect drives the plain checks; tmux (when installed) renders the full screen so a training run's
chart, bar and progress can be read off it as text.
"""
import os
import re
import shlex
import shutil
import subprocess
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


# -- a real terminal, read as a person reads it: tmux draws the screen, capture-pane gives its text ----------
tmux = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


class Tmux:
    """One tmux server of our own (its own socket), one window of a fixed size."""

    def __init__(self, name: str, command: str, cwd, env: dict, size=(140, 46)):
        self.base = ["tmux", "-L", name, "-f", "/dev/null"]
        env = dict(env, COLUMNS=str(size[0]), LINES=str(size[1]))
        exports = " ".join(f"{key}={shlex.quote(value)}" for key, value in env.items())
        subprocess.run(self.base + ["new-session", "-d", "-s", "t", "-x", str(size[0]), "-y", str(size[1]),
                                    f"cd {shlex.quote(str(cwd))} && env {exports} {command}; sleep 30"],
                       check=True)

    def screen(self) -> str:
        return subprocess.run(self.base + ["capture-pane", "-p", "-t", "t"], capture_output=True,
                              text=True).stdout

    def wait_for(self, *texts: str, timeout: float = 60, seen: list | None = None) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen()
            if seen is not None:
                seen.append(screen)
            if all(text in screen for text in texts):
                return screen
            time.sleep(0.1)
        raise AssertionError(f"never saw {texts} on the screen:\n{self.screen()}")

    def keys(self, *keys: str) -> None:
        subprocess.run(self.base + ["send-keys", "-t", "t", *keys], check=True)

    def close(self) -> None:
        subprocess.run(self.base + ["kill-server"], capture_output=True)


@tmux
def test_training_exercise_in_a_real_terminal(tmp_path):
    """`dlings init`, `dlings watch`, a failing training run, an edit, the passing run: read off the screen."""
    from conftest import MiniCurriculum
    from training_exercise import add_training_exercise

    curriculum = MiniCurriculum(tmp_path / "curriculum")
    curriculum.add("first")
    add_training_exercise(curriculum, sleep=0.05)
    # A "terminal editor" that undoes the fix: the watcher steps aside for it and checks on return.
    editor = "sh -c 'sleep 0.3; sed -i \"s/LR = 0.5/LR = 0.0/\" \"$1\"' sh"
    env = {"DLINGS_CURRICULUM": str(curriculum.root), "TERM": "xterm-256color",
           "PYTHONPATH": os.environ.get("PYTHONPATH", ""), "EDITOR": editor}
    subprocess.run(DLINGS + ["init", str(tmp_path / "ws"), "--start-from", "fit"], check=True,
                   env=dict(os.environ, **env), capture_output=True)
    term = Tmux(f"dlings-test-{os.getpid()}", f"{shlex.quote(sys.executable)} -m dlings watch", tmp_path / "ws", env)
    try:
        screen = term.wait_for("NOT YET", "accuracy = 0.45", timeout=120)
        # The task panel opens by itself on the first visit; the chart has its bar, axis and progress.
        assert "fit: train a logistic regression" in screen
        assert "bar ≥ 0.9: ✗ not met" in screen and "step 60/60" in screen
        lines = screen.splitlines()
        ticks = [i for i, line in enumerate(lines) if re.search(r"│\s+0\s+20\s+40\s+60\s*$", line)]
        assert ticks and all(lines[i + 1].rsplit("│", 1)[-1].strip() == "step" for i in ticks), screen
        assert "loss = 0.6931" in screen

        # Edit the file as an editor does, and watch the run: progress with an ETA while it trains.
        target = tmp_path / "ws" / "exercises" / "02_train" / "fit.py"
        target.write_text(target.read_text().replace("LR = 0.0  # TODO: a learning rate that learns", "LR = 0.5"))
        seen: list[str] = []
        screen = term.wait_for("PASSED", timeout=60, seen=seen)
        assert any("ETA" in s and "checking" in s for s in seen), "no progress bar with an ETA while it ran"
        screen = term.wait_for("finished · step 60/60")
        assert "accuracy = 0.9875   bar ≥ 0.9: ✓ met" in screen
        assert "previous attempt" in screen and "loss = 0.1911" in screen
        term.keys("d")  # the task panel hides
        screen = term.wait_for("PASSED")
        time.sleep(0.3)
        assert "fit: train a logistic regression" not in term.screen()
        term.keys("e")
        screen = term.wait_for("NOT YET", "bar ≥ 0.9: ✗ not met", timeout=60)
        assert "LR = 0.0" in target.read_text()
        term.keys("q")
        deadline = time.monotonic() + 20
        while "PASSED" in term.screen() and time.monotonic() < deadline:
            time.sleep(0.1)
    finally:
        term.close()
    state = (tmp_path / "ws" / ".dlings" / "state.json").read_text()
    assert '"fit"' in state


def test_plain_watch_prints_a_training_summary(tmp_path):
    """`dlings watch --plain` on a training exercise: final values and whether the bar is met."""
    from conftest import MiniCurriculum
    from training_exercise import add_training_exercise

    curriculum = MiniCurriculum(tmp_path / "curriculum")
    curriculum.add("first")
    add_training_exercise(curriculum, sleep=0.0)
    env = dict(os.environ, DLINGS_CURRICULUM=str(curriculum.root), TERM="dumb")
    subprocess.run(DLINGS + ["init", str(tmp_path / "ws"), "--start-from", "fit"], check=True, env=env,
                   capture_output=True)
    child = pexpect.spawn(DLINGS[0], DLINGS[1:] + ["watch", "--plain"], cwd=str(tmp_path / "ws"), env=env,
                          encoding="utf-8", timeout=120)
    try:
        child.expect("NOT YET")
        child.expect(r"accuracy: 0\.45 at step 60 \(first 0\.45, 61 points\); bar >= 0\.9: NOT met")
        target = tmp_path / "ws" / "exercises" / "02_train" / "fit.py"
        target.write_text(target.read_text().replace("LR = 0.0  # TODO: a learning rate that learns", "LR = 0.5"))
        child.expect("PASSED")
        child.expect(r"accuracy: 0\.9875 at step 60 .*; bar >= 0\.9: met")
        child.expect("progress: step 60/60")
        child.sendline("q")
        child.expect(pexpect.EOF, timeout=30)
    finally:
        child.close(force=True)
