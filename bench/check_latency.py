"""Median time from "check this file" to a verdict: the warm worker vs a cold pytest run.

    python bench/check_latency.py [--runs 20] [--cold-runs 5] [--exercise intro2]
    python bench/check_latency.py --engine pool [--runs 10]

Both are measured in this run on this machine: the warm path sends a request to
a started `dlings.worker` process and waits for its verdict (fork, pytest, the
check, the result back over the pipe); the cold path starts
`python -m pytest <check> --dlings-file=<solution>` as a new process each time.

`--engine pool` measures the pool engine (dlings.engine.pool) beside the fork
engine, both driven in this process, run for run in turn so both see the same
load: before each pool check the bench waits (untimed) until a spare is warm,
as a learner's next save usually finds one; the time from `engine.run(job)` to
the verdict is what is compared. Target: the pool's median within 1.5 x fork's.
The spare's warm-up (how long a save waits when saves outrun it) is printed too.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import load_line, median, spread, verdict_ok  # noqa: E402

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


def engine_times(job, runs: int) -> dict[str, list[float]]:
    """Fork and pool engines in this process, alternating run by run; the pool waits for a warm spare first."""
    from dlings.engine import make_engine, warm_up

    warm_up()   # the fork engine forks from this process: warm it as the checker warms itself
    fork, pool = make_engine(name="fork"), make_engine(name="pool", spares=1)
    times: dict[str, list[float]] = {"fork": [], "pool": [], "spare warm-up": []}
    try:
        pool.prepare()
        for i in range(runs + 1):   # the first pair is a warm-up of the path itself, not counted
            for name, engine in ((("fork", fork), ("pool", pool)) if i % 2 else (("pool", pool), ("fork", fork))):
                if name == "pool":
                    waited = engine.prepare()   # a spare started when the last check took the previous one
                    if i:
                        times["spare warm-up"].append(waited)
                t0 = time.perf_counter()
                verdict = engine.run(job)
                elapsed = time.perf_counter() - t0
                if verdict.status.value != "passed":
                    raise SystemExit(f"{name}: unexpected verdict {verdict.status.value}: {verdict.message}")
                if i:
                    times[name].append(elapsed)
    finally:
        pool.close()
        fork.close()
    return times


def main_engines(job, ex, runs: int) -> None:
    print(load_line() + "  (before)")
    times = engine_times(job, runs)
    fork, pool = median(times["fork"]), median(times["pool"])
    print(f"exercise: {ex.name} (solution), {runs} checks per engine, alternating")
    print(f"fork engine (baseline):  {spread(times['fork'], 1000, 'ms', 1)}")
    print(f"pool engine, warm spare: {spread(times['pool'], 1000, 'ms', 1)}")
    print(f"ratio pool / fork:       {pool / fork:.2f} x   (target <= 1.5 x: {verdict_ok(pool / fork, 1.5)})")
    waits = times["spare warm-up"]
    print(f"waited for the next spare to warm after a check (saves closer than this wait): "
          f"{spread(waits)}")
    print(load_line() + "  (after)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--cold-runs", type=int, default=5)
    parser.add_argument("--exercise", default="intro2")
    parser.add_argument("--engine", choices=["fork", "pool"], default="fork",
                        help="fork: the warm worker against cold pytest; pool: the pool engine beside fork")
    args = parser.parse_args()

    catalog = load_catalog(curriculum_root())
    ex = catalog.get(args.exercise)
    solution = catalog.solution_path(ex)
    job = job_for(catalog, ex, solution, str(solution))
    if args.engine == "pool":
        main_engines(job, ex, args.runs)
        sys.stdout.flush()
        os._exit(0)   # as the CLI does: this process warmed triton, whose teardown only prints noise

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
