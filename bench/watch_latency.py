"""What a learner feels in `dlings watch`: first-screen time and save-to-verdict-on-screen time.

    python bench/watch_latency.py [--saves 10]

Runs the real TUI in a pseudo-terminal on a fresh workspace, then saves the
intro2 exercise alternately right and wrong and times each save until the new
verdict is drawn. Prints the medians.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pexpect

from dlings.paths import curriculum_root
from dlings.watcher import DEBOUNCE_SECONDS


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--saves", type=int, default=10)
    args = parser.parse_args()

    root = curriculum_root()
    workspace = Path(tempfile.mkdtemp(prefix="dlings-bench-")) / "ws"
    subprocess.run([sys.executable, "-m", "dlings", "init", str(workspace), "--start-from", "intro2"], check=True,
                   capture_output=True)
    target = workspace / "exercises" / "00_intro" / "intro2.py"
    right = (root / "solutions" / "00_intro" / "intro2.py").read_text()
    wrong = (root / "exercises" / "00_intro" / "intro2.py").read_text()

    env = dict(os.environ, TERM="xterm-256color")
    started = time.perf_counter()
    child = pexpect.spawn(sys.executable, ["-m", "dlings", "watch"], cwd=str(workspace), env=env,
                          dimensions=(32, 110), encoding="utf-8", timeout=120)
    child.expect("intro2")
    first_screen = time.perf_counter() - started
    child.expect("NOT YET")
    ready = time.perf_counter() - started

    times = []
    for i in range(args.saves):
        content, word = (right, "PASSED") if i % 2 == 0 else (wrong, "NOT YET")
        time.sleep(0.3)
        saved = time.perf_counter()
        target.write_text(content)
        child.expect(word, timeout=30)
        times.append(time.perf_counter() - saved)
    child.send("q")
    child.expect(pexpect.EOF, timeout=20)
    shutil.rmtree(workspace.parent, ignore_errors=True)

    print(f"first screen drawn:            {first_screen * 1000:7.0f} ms after start")
    print(f"first verdict (worker warm):   {ready * 1000:7.0f} ms after start")
    print(f"save -> verdict on screen:     median {statistics.median(times) * 1000:.0f} ms over {len(times)} saves "
          f"(min {min(times) * 1000:.0f}, max {max(times) * 1000:.0f}; includes the "
          f"{DEBOUNCE_SECONDS * 1000:.0f} ms save debounce)")


if __name__ == "__main__":
    main()
