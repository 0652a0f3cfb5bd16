"""Median time from "check this file" to a verdict: the warm worker vs a cold pytest run.

    python bench/check_latency.py [--runs 20] [--cold-runs 5] [--exercise intro2]

Both are measured in this run on this machine: the warm path sends a request to
a started `dlings.worker` process and waits for its verdict (fork, pytest, the
check, the result back over the pipe); the cold path starts
`python -m pytest <check> --dlings-file=<solution>` as a new process each time.
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

from dlings.catalog import load_catalog
from dlings.paths import curriculum_root
from dlings.session import job_for


def warm_worker_times(job, runs: int) -> tuple[list[float], float]:
    started = time.perf_counter()
    worker = subprocess.Popen([sys.executable, "-m", "dlings.worker"], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    assert worker.stdin and worker.stdout
    ready = json.loads(worker.stdout.readline())
    assert ready["event"] == "ready", ready
    warm_seconds = time.perf_counter() - started
    # The worker finishes its slower warm-up steps between checks, once one verdict is out or
    # after a short idle spell: wait for that, so the timed checks are the steady state.
    while json.loads(worker.stdout.readline())["event"] != "warm":
        pass
    warm_seconds = time.perf_counter() - started
    times = []
    for i in range(runs):
        t0 = time.perf_counter()
        worker.stdin.write((json.dumps({"op": "check", "id": i, "job": job.to_dict()}) + "\n").encode())
        worker.stdin.flush()
        while True:
            event = json.loads(worker.stdout.readline())
            if event["event"] == "verdict":
                break
        times.append(time.perf_counter() - t0)
        if event["verdict"]["status"] != "passed":
            raise SystemExit(f"unexpected verdict: {event['verdict']['status']}: {event['verdict']['message']}")
    worker.stdin.write(b'{"op": "quit"}\n')
    worker.stdin.close()
    worker.wait(timeout=10)
    return times, warm_seconds


def cold_pytest_times(check: Path, solution: Path, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        result = subprocess.run([sys.executable, "-m", "pytest", str(check), f"--dlings-file={solution}", "-q",
                                 "-p", "no:cacheprovider"], capture_output=True, text=True)
        times.append(time.perf_counter() - t0)
        if result.returncode != 0:
            raise SystemExit(f"cold pytest failed:\n{result.stdout[-2000:]}")
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--cold-runs", type=int, default=5)
    parser.add_argument("--exercise", default="intro2")
    args = parser.parse_args()

    catalog = load_catalog(curriculum_root())
    ex = catalog.get(args.exercise)
    solution = catalog.solution_path(ex)
    job = job_for(catalog, ex, solution, str(solution))

    warm, warm_start = warm_worker_times(job, args.runs)
    cold = cold_pytest_times(catalog.check_path(ex), solution, args.cold_runs)
    warm_median, cold_median = statistics.median(warm), statistics.median(cold)
    print(f"exercise: {ex.name} (solution), {args.runs} warm runs, {args.cold_runs} cold runs")
    print(f"worker start-up (full warm-up):    {warm_start:7.3f} s")
    print(f"warm worker, median:               {warm_median * 1000:7.1f} ms"
          f"   (min {min(warm) * 1000:.1f}, max {max(warm) * 1000:.1f})")
    print(f"cold pytest subprocess, median:    {cold_median * 1000:7.1f} ms"
          f"   (min {min(cold) * 1000:.1f}, max {max(cold) * 1000:.1f})")
    print(f"ratio cold / warm:                 {cold_median / warm_median:7.1f} x")


if __name__ == "__main__":
    main()
