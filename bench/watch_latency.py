"""What a learner feels in `dlings watch`, with the baselines it is judged against, all in one run.

    python bench/watch_latency.py [--saves 10] [--starts 3] [--bare 20]

Measured here, interleaved so that the machine's load falls on both sides alike:

- baseline: `python -c "import torch, pytest"`, once before and once after each start of the watcher;
- first screen drawn / first verdict: `dlings watch` started in a real pseudo-terminal on a fresh
  workspace at intro2, until the exercise name is drawn / until its verdict ("NOT YET") is;
- bare check: the warm checker (dlings.worker, driven by the same client the TUI uses, no UI)
  from request to verdict for intro2, alternately right and wrong, half before and half after
  the saves below;
- save -> verdict on screen: the file written (right, then wrong, ...) until the new verdict is
  drawn, once the checker has finished warming up (the title says "watching saves").

Prints medians, their ratios and the targets of issue 13, and the load average before and after.
"""
from __future__ import annotations

import argparse
import os
import queue
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pexpect

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import BASELINE, BASELINE_EXIT, load_line, median, spread, timed, verdict_ok  # noqa: E402

from dlings.catalog import load_catalog  # noqa: E402
from dlings.paths import curriculum_root  # noqa: E402
from dlings.session import job_for  # noqa: E402
from dlings.worker_client import CheckerClient  # noqa: E402

EXERCISE = "intro2"


def fresh_workspace(base: Path, i: int) -> Path:
    ws = base / f"ws{i}"
    subprocess.run([sys.executable, "-m", "dlings", "init", str(ws), "--start-from", EXERCISE], check=True,
                   capture_output=True)
    return ws


def drain(child) -> None:
    while True:
        try:
            child.read_nonblocking(1 << 20, timeout=0)
        except (pexpect.TIMEOUT, pexpect.EOF):
            return


def tui_session(ws: Path, saves: int, right: str, wrong: str) -> tuple[float, float, list[float]]:
    target = ws / "exercises" / "00_intro" / f"{EXERCISE}.py"
    env = dict(os.environ, TERM="xterm-256color", COLUMNS="110", LINES="32")
    started = time.perf_counter()
    child = pexpect.spawn(sys.executable, ["-m", "dlings", "watch"], cwd=str(ws), env=env,
                          dimensions=(32, 110), encoding="utf-8", timeout=180)
    child.expect(EXERCISE)
    first_screen = time.perf_counter() - started
    child.expect("NOT YET")
    first_verdict = time.perf_counter() - started
    times = []
    if saves:
        child.expect(r"checker: ready  \(watching saves\)", timeout=180)
        for i in range(saves):
            content, word = (right, "PASSED") if i % 2 == 0 else (wrong, "NOT YET")
            time.sleep(0.4)
            drain(child)
            saved = time.perf_counter()
            target.write_text(content)
            child.expect(word, timeout=60)
            times.append(time.perf_counter() - saved)
    child.send("q")
    child.expect(pexpect.EOF, timeout=30)
    child.close()
    return first_screen, first_verdict, times


def bare_check_times(right_job, wrong_job, runs: int) -> list[float]:
    events: queue.Queue = queue.Queue()
    client = CheckerClient(lambda batch: [events.put(e) for e in batch]).start()
    try:
        deadline = time.monotonic() + 180
        while not client.warm and time.monotonic() < deadline:
            time.sleep(0.05)
        times = []
        for i in range(runs):
            job = right_job if i % 2 == 0 else wrong_job
            time.sleep(0.1)
            started = time.perf_counter()
            check_id = client.check(job)
            while True:
                event = events.get(timeout=60)
                if event.get("event") == "verdict" and event.get("id") == check_id:
                    break
            times.append(time.perf_counter() - started)
            expected = "passed" if job is right_job else "failed"
            if event["verdict"]["status"] != expected:
                raise SystemExit(f"unexpected verdict {event['verdict']['status']}: {event['verdict']['message']}")
        return times
    finally:
        client.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--saves", type=int, default=10)
    parser.add_argument("--starts", type=int, default=3, help="fresh starts of `dlings watch`")
    parser.add_argument("--bare", type=int, default=20, help="bare checks (half before, half after the saves)")
    args = parser.parse_args()

    root = curriculum_root()
    catalog = load_catalog(root)
    ex = catalog.get(EXERCISE)
    right = (root / "solutions" / ex.relpath).read_text()
    wrong = (root / "exercises" / ex.relpath).read_text()
    base = Path(tempfile.mkdtemp(prefix="dlings-bench-"))
    (base / "right.py").write_text(right)
    (base / "wrong.py").write_text(wrong)
    right_job = job_for(catalog, ex, base / "right.py", f"exercises/{ex.relpath}")
    wrong_job = job_for(catalog, ex, base / "wrong.py", f"exercises/{ex.relpath}")

    print(f"before: {load_line()}", flush=True)
    baseline, strict, first_screens, first_verdicts, saves = [], [], [], [], []
    bare = bare_check_times(right_job, wrong_job, args.bare // 2)
    for i in range(args.starts):
        baseline.append(timed(BASELINE))
        strict.append(timed(BASELINE_EXIT))
        screen, verdict, times = tui_session(fresh_workspace(base, i), args.saves if i == 0 else 0, right, wrong)
        first_screens.append(screen)
        first_verdicts.append(verdict)
        saves += times
        baseline.append(timed(BASELINE))
        if i == 0:
            bare += bare_check_times(right_job, wrong_job, args.bare - args.bare // 2)
    print(f"after:  {load_line()}")
    shutil.rmtree(base, ignore_errors=True)

    base_s, bare_s, save_s = median(baseline), median(bare), median(saves)
    screen_s, verdict_s = median(first_screens), median(first_verdicts)
    print()
    print(f"baseline `python -c \"import torch, pytest\"`: {spread(baseline)}")
    print(f"stricter, the same ending with os._exit(0): {spread(strict)}")
    print(f"bare check, warm checker, {EXERCISE}:        {spread(bare, 1000, 'ms', 0)}")
    print()
    print(f"{'figure':<36}{'measured':>12}{'ratio':>20}{'target':>28}")
    print(f"{'save -> verdict on screen':<36}{save_s * 1000:>9.0f} ms"
          f"{save_s / bare_s:>11.2f} x bare{'<= 150 ms, <= 1.5 x bare':>28}  "
          f"{verdict_ok(save_s, 0.150)}/{verdict_ok(save_s / bare_s, 1.5)}")
    print(f"{'first screen drawn':<36}{screen_s * 1000:>9.0f} ms{'':>20}{'<= 400 ms':>28}  "
          f"{verdict_ok(screen_s, 0.400)}")
    print(f"{'first verdict after dlings watch':<36}{verdict_s:>10.2f} s"
          f"{verdict_s / base_s:>10.2f} x baseline{'<= 1.3 x baseline':>28}  {verdict_ok(verdict_s / base_s, 1.3)}")
    print(f"{'':<36}{'':>12}{verdict_s / median(strict):>10.2f} x stricter")
    print()
    print(f"save -> verdict on screen: {spread(saves, 1000, 'ms', 0)}")
    print(f"first screen drawn:        {spread(first_screens, 1000, 'ms', 0)}")
    print(f"first verdict:             {spread(first_verdicts)}")


if __name__ == "__main__":
    main()
