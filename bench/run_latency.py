"""`dlings run intro2`, the whole process, against `python -c "import torch, pytest"`, in paired runs.

    python bench/run_latency.py [--pairs 7] [--exercise intro2]

Each pair runs the baseline and `dlings run` back to back (the order alternates from pair to
pair), so both see the same load. Prints both medians, the ratio of the medians and the median of
the per-pair ratios, and the load average before and after.
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import BASELINE, BASELINE_EXIT, load_line, median, spread, timed, verdict_ok  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pairs", type=int, default=7)
    parser.add_argument("--exercise", default="intro2")
    args = parser.parse_args()

    base = Path(tempfile.mkdtemp(prefix="dlings-bench-run-"))
    ws = base / "ws"
    subprocess.run([sys.executable, "-m", "dlings", "init", str(ws), "--start-from", args.exercise], check=True,
                   capture_output=True)
    run = [sys.executable, "-m", "dlings", "run", args.exercise]
    timed(run, cwd=ws)  # once unmeasured: the file cache, as for a learner who has run it before
    print(f"before: {load_line()}", flush=True)
    baseline, strict, runs = [], [], []
    for i in range(args.pairs):
        order = [(baseline, BASELINE, None), (strict, BASELINE_EXIT, None), (runs, run, ws)]
        for bucket, argv, cwd in (order if i % 2 == 0 else order[::-1]):
            bucket.append(timed(argv, cwd=cwd))
    print(f"after:  {load_line()}")
    shutil.rmtree(base, ignore_errors=True)
    ratio = median(runs) / median(baseline)
    pair_ratio = median([r / b for r, b in zip(runs, baseline)])
    strict_ratio = median(runs) / median(strict)
    print()
    print(f"baseline `python -c \"import torch, pytest\"`:            {spread(baseline)}")
    print(f"stricter, the same ending with os._exit(0):         {spread(strict)}")
    print(f"`dlings run {args.exercise}` (whole process):               {spread(runs)}")
    print(f"ratio of medians {ratio:.3f} x, median of per-pair ratios {pair_ratio:.3f} x  "
          f"(target <= 1.15 x: {verdict_ok(ratio, 1.15)}); against the stricter baseline {strict_ratio:.3f} x")


if __name__ == "__main__":
    main()
