"""Where the start-up time of `dlings watch` and `dlings run` goes, step by step (medians of fresh processes).

    python bench/profile_startup.py [--runs 5]

UI side: each row is a fresh interpreter doing a little more than the row above (so the
difference between rows is the cost of that step). Checker side: one `python -m dlings.worker`
per run, timing each warm-up step of dlings.engine.warm_up_steps in turn.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import load_line, median, timed  # noqa: E402

UI_STEPS = [
    ("python -c pass", "pass"),
    ("+ import dlings.cli (click)", "import dlings.cli"),
    ("+ Session.open() (info.toml, state)", "import dlings.cli\nfrom dlings.session import Session\nSession.open()"),
    ("+ import dlings.tui.app (textual)", "import dlings.cli\nfrom dlings.session import Session\nSession.open()\n"
                                          "import dlings.tui.app"),
    ("+ app built and first frame (headless)", "import dlings.cli\nfrom dlings.session import Session\n"
                                               "s = Session.open()\nfrom dlings.tui.app import DlingsApp\n"
                                               "class Idle:\n    ready = warm = False\n    pid = None\n"
                                               "    def connect(self, sink): pass\n    def check(self, job): return 1\n"
                                               "    def cancel(self): pass\n    def stop(self): pass\n"
                                               "app = DlingsApp(s, checker=Idle(), watch=False)\n"
                                               "app.call_after_refresh(lambda: app.call_after_refresh(app.exit))\n"
                                               "app.run(headless=True)\nimport os; os._exit(0)"),
]

CHECKER = """
import json, os, sys, time
t0 = time.perf_counter()
from dlings.engine import warm_up, warm_up_steps
out = {"import dlings.engine": time.perf_counter() - t0}
for name, _ in warm_up_steps():
    out[name] = warm_up(only=[name])
print(json.dumps(out))
sys.stdout.flush()
os._exit(0)
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    ws = Path(subprocess.run([sys.executable, "-c", "import tempfile; print(tempfile.mkdtemp())"],
                             capture_output=True, text=True).stdout.strip()) / "ws"
    subprocess.run([sys.executable, "-m", "dlings", "init", str(ws), "--start-from", "intro2"], check=True,
                   capture_output=True)
    print(f"before: {load_line()}\n")
    print("UI process (dlings watch), cumulative; medians of", args.runs)
    previous = 0.0
    for label, code in UI_STEPS:
        seconds = median([timed([sys.executable, "-c", code], cwd=ws) for _ in range(args.runs)])
        print(f"  {label:<42}{seconds * 1000:8.0f} ms  (+{(seconds - previous) * 1000:.0f})")
        previous = seconds
    print("\nchecker process (python -m dlings.worker): each warm-up step; medians of", args.runs)
    rows: dict[str, list[float]] = {}
    for _ in range(args.runs):
        result = subprocess.run([sys.executable, "-c", CHECKER], capture_output=True, text=True, cwd=ws)
        for name, seconds in json.loads(result.stdout.strip().splitlines()[-1]).items():
            rows.setdefault(name, []).append(seconds)
    first = ("import dlings.engine", "imports", "first_calls")
    for name, values in rows.items():
        when = "before ready" if name in first else "after the first verdict"
        print(f"  {name:<42}{median(values) * 1000:8.0f} ms  ({when})")
    print(f"\nafter: {load_line()}")


if __name__ == "__main__":
    main()
