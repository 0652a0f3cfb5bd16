"""Drive many checks through one warm worker and watch for leaks.

    python bench/soak.py [--checks 1000]
    python bench/soak.py --engine pool --checks 100     # the pool engine, after fork as the baseline

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

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import load_line  # noqa: E402

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


def soak(engine: str, checks: int, timeout: float, jobs: dict, folder: Path) -> dict:
    """`checks` checks through one worker running `engine`; what it used and left behind."""
    # the kinds interleaved by their shares, so that a short soak sees every kind too
    plan = [kind for _, kind in sorted(((j + 0.5) / share, kind) for kind, share, _ in KINDS for j in range(share))]
    worker = subprocess.Popen([sys.executable, "-m", "dlings.worker"], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                              env=dict(os.environ, DLINGS_ENGINE=engine))
    assert worker.stdin and worker.stdout
    json.loads(worker.stdout.readline())  # ready
    rss_start = rss_kib(worker.pid)
    fds_start = len(os.listdir(f"/proc/{worker.pid}/fd"))
    outcomes: collections.Counter = collections.Counter()
    wrong = 0
    rss_after_100 = rss_start
    mark = min(100, checks // 5)   # memory is compared from here on (after the warm-up steps)
    started = time.perf_counter()
    for i in range(checks):
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
        if i + 1 == mark:
            rss_after_100 = rss_kib(worker.pid)
    elapsed = time.perf_counter() - started
    rss_end = rss_kib(worker.pid)
    fds_end = len(os.listdir(f"/proc/{worker.pid}/fd"))
    under = descendants(worker.pid)
    spares = [pid for pid in under if "dlings.engine.spare" in _cmdline(pid)]
    worker.stdin.write(b'{"op": "quit"}\n')
    worker.stdin.close()
    worker.wait(timeout=30)
    time.sleep(0.5)
    survivors = [pid for pid in under if _alive(pid)]
    leftover = subprocess.run(["pgrep", "-f", str(folder)], capture_output=True, text=True).stdout.split()
    return {"engine": engine, "checks": checks, "elapsed": elapsed, "timeout": timeout, "outcomes": outcomes,
            "wrong": wrong, "rss": (rss_start, rss_after_100, rss_end), "mark": mark, "fds": (fds_start, fds_end),
            "under": len(under), "spares": len(spares), "survivors": len(survivors) + len(leftover)}


def _cmdline(pid: int) -> str:
    try:
        return open(f"/proc/{pid}/cmdline", "rb").read().replace(b"\0", b" ").decode("utf-8", "replace")
    except OSError:
        return ""


def _alive(pid: int) -> bool:
    try:
        return open(f"/proc/{pid}/stat").read().rsplit(") ", 1)[1][0] != "Z"
    except (OSError, IndexError):
        return False


def report(r: dict) -> None:
    print(f"== engine {r['engine']}: {r['checks']} checks in {r['elapsed']:.1f} s = "
          f"{r['checks'] / r['elapsed']:.2f} checks/s (timeouts of {r['timeout']:g} s included)")
    for (kind, status), count in sorted(r["outcomes"].items()):
        flag = "" if status == EXPECTED[kind] else "   <-- unexpected"
        print(f"  {kind:<12} -> {status:<10} {count:5d}{flag}")
    print(f"unexpected verdicts: {r['wrong']}")
    start, mid, end = r["rss"]
    print(f"worker RSS: start {start / 1024:.1f} MiB, after {r['mark']} checks {mid / 1024:.1f} MiB, "
          f"end {end / 1024:.1f} MiB (growth after warm-up {(end - mid) / 1024:+.1f} MiB)")
    print(f"worker open file descriptors: start {r['fds'][0]}, end {r['fds'][1]}")
    print(f"processes under the worker at the end: {r['under']} ({r['spares']} of them warm spares waiting); "
          f"left running after it quit: {r['survivors']}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--checks", type=int, default=1000)
    parser.add_argument("--timeout", type=float, default=0.5, help="the time limit of every check (s)")
    parser.add_argument("--engine", choices=["fork", "pool"], default="fork",
                        help="pool: soak the pool engine, with the same checks on fork first as the baseline")
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
    print(load_line() + "  (before)")
    engines = ["fork", "pool"] if args.engine == "pool" else ["fork"]
    results = [soak(engine, args.checks, args.timeout, jobs, folder) for engine in engines]
    for r in results:
        report(r)
    if len(results) == 2:
        fork, pool = results
        growth = [(r["rss"][2] - r["rss"][1]) / 1024 for r in results]
        print(f"pool vs fork (same run): throughput {(pool['checks'] / pool['elapsed']) / (fork['checks'] / fork['elapsed']):.2f} x, "
              f"RSS growth {growth[1]:+.1f} vs {growth[0]:+.1f} MiB, descriptors {pool['fds'][1] - pool['fds'][0]:+d} "
              f"vs {fork['fds'][1] - fork['fds'][0]:+d}, left running {pool['survivors']} vs {fork['survivors']}")
    print(load_line() + "  (after)")


if __name__ == "__main__":
    main()
