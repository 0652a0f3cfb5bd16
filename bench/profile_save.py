"""Where the time of one save goes in `dlings watch`, stage by stage (medians over several saves).

    python bench/profile_save.py [--saves 12]

Runs the real app headless (no terminal) with the real checker and the real file watcher on a
fresh workspace at intro2, writes the file alternately right and wrong, and stamps each stage:

  write -> watcher callback (watchdog thread) -> FileSaved handled (UI loop) -> request sent
  -> verdict read by the client (reader thread) -> VerdictArrived handled -> screen refreshed

and, inside the checker, the child's own time (fork to result: the verdict's `duration`).
"""
from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import load_line, median  # noqa: E402

STAGES = ["watcher", "to UI", "request", "checker", "to UI ", "drawn"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--saves", type=int, default=12)
    args = parser.parse_args()

    base = Path(tempfile.mkdtemp(prefix="dlings-profile-"))
    ws = base / "ws"
    subprocess.run([sys.executable, "-m", "dlings", "init", str(ws), "--start-from", "intro2"], check=True,
                   capture_output=True)
    os.chdir(ws)
    from dlings import watcher as watcher_module
    from dlings.paths import curriculum_root
    from dlings.session import Session
    from dlings.tui import watch_screen
    from dlings.tui.app import DlingsApp
    from dlings.worker_client import CheckerClient

    stamps: dict[str, float] = {}
    durations: list[float] = []

    class StampingChecker(CheckerClient):
        def check(self, job):
            stamps["request"] = time.perf_counter()
            return super().check(job)

        def _deliver(self, events):
            if any(e.get("event") == "verdict" for e in events):
                stamps["checker"] = time.perf_counter()
            super()._deliver(events)

    original_touched = watcher_module.ExerciseWatcher.touched

    def touched(self, path, kind=watcher_module.PARTIAL):
        stamps.setdefault("event", time.perf_counter())
        return original_touched(self, path, kind)

    watcher_module.ExerciseWatcher.touched = touched
    screen_class = watch_screen.WatchScreen
    on_saved, on_verdict = screen_class.on_file_saved, screen_class.on_verdict_arrived

    def on_file_saved(self, message):
        stamps["to UI"] = time.perf_counter()
        return on_saved(self, message)

    def on_verdict_arrived(self, message):
        stamps["to UI "] = time.perf_counter()
        durations.append(message.verdict.duration)
        # Registered first, so it runs right after the refresh that draws the verdict (before the
        # progress save, which show_verdict puts after that refresh too).
        self.call_after_refresh(lambda: stamps.setdefault("drawn", time.perf_counter()))
        return on_verdict(self, message)

    screen_class.on_file_saved, screen_class.on_verdict_arrived = on_file_saved, on_verdict_arrived

    root = curriculum_root()
    right = (root / "solutions" / "00_intro" / "intro2.py").read_text()
    wrong = (root / "exercises" / "00_intro" / "intro2.py").read_text()
    target = ws / "exercises" / "00_intro" / "intro2.py"
    rows: list[dict[str, float]] = []

    async def drive() -> None:
        app = DlingsApp(Session.open(), checker=StampingChecker().start())
        async with app.run_test(size=(110, 32)) as pilot:
            while not (app.checker.warm and app.main.verdict is not None):
                await pilot.pause(0.1)
            for i in range(args.saves):
                await pilot.pause(0.4)
                stamps.clear()
                stamps["write"] = time.perf_counter()
                target.write_text(right if i % 2 == 0 else wrong)
                while "drawn" not in stamps:
                    await pilot.pause(0.002)
                marks = [stamps["write"], stamps["event"], stamps["to UI"], stamps["request"], stamps["checker"],
                         stamps["to UI "], stamps["drawn"]]
                rows.append({name: (b - a) * 1000 for name, a, b in zip(STAGES, marks, marks[1:])}
                            | {"total": (marks[-1] - marks[0]) * 1000})

    print(f"before: {load_line()}")
    asyncio.run(drive())
    print(f"after:  {load_line()}\n")
    print(f"median over {len(rows)} saves (ms):")
    for name in STAGES + ["total"]:
        label = {"watcher": "write -> watcher callback", "to UI": "callback -> FileSaved handled",
                 "request": "handled -> request sent", "checker": "request -> verdict read (checker)",
                 "to UI ": "read -> VerdictArrived handled", "drawn": "handled -> screen refreshed",
                 "total": "write -> screen refreshed"}[name]
        print(f"  {label:<38}{median([r[name] for r in rows]):8.1f}")
    print(f"  {'of which the check child (fork->result)':<38}{median(durations[-len(rows):]) * 1000:8.1f}")


if __name__ == "__main__":
    main()
