"""The built wheel is what a learner installs: it must carry the curriculum and run a check."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def test_wheel_installs_and_checks_an_exercise(tmp_path):
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(REPO)],
                   check=True, capture_output=True, timeout=600)
    wheel = next(wheels.glob("dlings-*.whl"))
    site = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(site), str(wheel)],
                   check=True, capture_output=True, timeout=600)
    assert (site / "dlings" / "curriculum" / "info.toml").is_file()
    # The wheel's dlings first on the path; torch and the rest from this environment.
    env = {k: v for k, v in os.environ.items() if not k.startswith("DLINGS_")}
    env["PYTHONPATH"] = str(site)
    where = subprocess.run([sys.executable, "-c", "import dlings; print(dlings.__file__)"], env=env,
                           capture_output=True, text=True, check=True)
    assert where.stdout.strip().startswith(str(site))
    work = tmp_path / "work"
    init = subprocess.run([sys.executable, "-m", "dlings", "init", str(work)], env=env, capture_output=True,
                          text=True, timeout=120)
    assert init.returncode == 0, init.stderr
    assert (work / "exercises" / "00_intro" / "intro1.py").is_file()
    run = subprocess.run([sys.executable, "-m", "dlings", "run", "intro1"], cwd=work, env=env, capture_output=True,
                         text=True, timeout=300)
    assert run.returncode == 1, run.stdout + run.stderr      # the pristine exercise is judged: not yet
    assert "intro1" in run.stdout and "Traceback" not in run.stdout + run.stderr
