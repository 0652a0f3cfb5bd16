"""Shell completion (click's): commands, and exercise names where a command takes one."""
from __future__ import annotations

import os
import subprocess
import sys


def _complete(words: str, cwd, shell: str = "bash") -> list[str]:
    env = dict(os.environ, _DLINGS_COMPLETE=f"{shell}_complete", COMP_WORDS=words,
               COMP_CWORD=str(len(words.split()) - (0 if words.endswith(" ") else 1)))
    result = subprocess.run([sys.executable, "-m", "dlings"], env=env, cwd=cwd, capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, result.stderr
    return [line.split(",", 1)[-1] for line in result.stdout.splitlines()]


def test_commands_and_exercise_names_complete(curriculum, workspace):
    commands = _complete("dlings ", workspace)
    assert {"watch", "run", "hint", "list", "reset", "init", "doctor"} <= set(commands)
    assert _complete("dlings run se", workspace) == ["second"]
    assert _complete("dlings reset t", workspace) == ["third"]
    assert _complete("dlings watch --start-from f", workspace) == ["first"]
    assert "01_demo" in _complete("dlings dev check --only 01", workspace)


def test_the_bash_script_is_printed(curriculum, workspace):
    env = dict(os.environ, _DLINGS_COMPLETE="bash_source")
    result = subprocess.run([sys.executable, "-m", "dlings"], env=env, cwd=workspace, capture_output=True, text=True)
    assert "_dlings_completion" in result.stdout and "complete " in result.stdout
