"""Drive many checks through one warm worker and watch for leaks.

    python bench/soak.py [--checks 1000]

Mixes passes, wrong answers, syntax errors, endless loops (timeouts) and hard
crashes (abort, os._exit) on the intro2 check. Prints checks per second, the
worker's resident memory at the start and the end, its open file descriptors,
and how many processes outlived their check.
"""
from __future__ import annotations

import argparse
import collections
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from dlings.catalog import load_catalog
from dlings.paths import curriculum_root
from dlings.session import job_for

KINDS = [  # (kind, share, source)
    ("pass", 50, "def scale(x):\n    return x * 10\n"),
    ("fail", 25, "def scale(x):\n    return x + 10\n"),
    ("syntax", 10, "def scale(x)\n    return x\n"),
    ("crash_abort", 5, "import os\nos.abort()\n"),
    ("crash_exit", 5, "import os\nos._exit(3)\n"),
    ("timeout", 5, "while True:\n    pass\n"),
]
EXPECTED = {"pass": "passed", "fail": "failed", "syntax": "error", "crash_abort": "crashed",
            "crash_exit": "crashed", "timeout": "timeout"}


def rss_kib(pid: int) -> int:
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def descendants(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        for task in os.listdir(f"/proc/{current}/task") if os.path.isdir(f"/proc/{current}") else []:
            try:
                kids = [int(k) for k in open(f"/proc/{current}/task/{task}/children").read().split()]
            except OSError:
                continue
            found += kids
            todo += kids
    return found


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--checks", type=int, default=1000)
    parser.add_argument("--timeout", type=float, default=0.5, help="the time limit of every check (s)")
    args = parser.parse_args()

    catalog = load_catalog(curriculum_root())
    ex = catalog.get("intro2")
    folder = Path(tempfile.mkdtemp(prefix="dlings-soak-"))
    jobs = {}
    for kind, _, source in KINDS:
        path = folder / f"{kind}.py"
        path.write_text(source)
        job = job_for(catalog, ex, path, f"soak/{kind}.py")
        job.timeout = args.timeout if kind == "timeout" else 10
        jobs[kind] = job
    plan = [kind for kind, share, _ in KINDS for _ in range(share)]

    worker = subprocess.Popen([sys.executable, "-m", "dlings.worker"], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    assert worker.stdin and worker.stdout
    json.loads(worker.stdout.readline())  # ready
    rss_start = rss_kib(worker.pid)
    fds_start = len(os.listdir(f"/proc/{worker.pid}/fd"))
    outcomes: collections.Counter = collections.Counter()
    wrong = 0
    started = time.perf_counter()
    for i in range(args.checks):
        kind = plan[i % len(plan)]
        worker.stdin.write((json.dumps({"op": "check", "id": i, "job": jobs[kind].to_dict()}) + "\n").encode())
        worker.stdin.flush()
        while True:
            event = json.loads(worker.stdout.readline())
            if event["event"] == "verdict":
                break
        status = event["verdict"]["status"]
        outcomes[(kind, status)] += 1
        wrong += status != EXPECTED[kind]
        if i == 99:
            rss_after_100 = rss_kib(worker.pid)
    elapsed = time.perf_counter() - started
    rss_end = rss_kib(worker.pid)
    fds_end = len(os.listdir(f"/proc/{worker.pid}/fd"))
    lingering = descendants(worker.pid)
    worker.stdin.write(b'{"op": "quit"}\n')
    worker.stdin.close()
    worker.wait(timeout=30)
    time.sleep(0.5)
    leftover = subprocess.run(["pgrep", "-f", str(folder)], capture_output=True, text=True).stdout.split()

    print(f"checks: {args.checks} in {elapsed:.1f} s = {args.checks / elapsed:.1f} checks/s "
          f"(timeouts of {args.timeout:g} s included)")
    for (kind, status), count in sorted(outcomes.items()):
        flag = "" if status == EXPECTED[kind] else "   <-- unexpected"
        print(f"  {kind:<12} -> {status:<10} {count:5d}{flag}")
    print(f"unexpected verdicts: {wrong}")
    print(f"worker RSS: start {rss_start / 1024:.1f} MiB, after 100 checks {rss_after_100 / 1024:.1f} MiB, "
          f"end {rss_end / 1024:.1f} MiB (growth after warm-up {(rss_end - rss_after_100) / 1024:+.1f} MiB)")
    print(f"worker open file descriptors: start {fds_start}, end {fds_end}")
    print(f"processes under the worker at the end: {len(lingering)}; left running after it quit: {len(leftover)}")


if __name__ == "__main__":
    main()
