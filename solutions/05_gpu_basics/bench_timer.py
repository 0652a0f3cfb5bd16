"""bench_timer: measure a speed-up with torch.utils.benchmark.

Timing one call with time.time() mostly measures noise: the first call
warms caches, the clock is coarse, other programs take turns on the CPU.
torch.utils.benchmark.Timer(stmt, globals=...) runs the statement many
times after a warm-up; .blocked_autorange(min_run_time=0.05) returns a
Measurement whose .median is the seconds per run. (On a GPU machine it
also waits for the GPU to finish: more on that soon.)

Write `speedup(slow, fast, x)`: how many times faster fast(x) runs than
slow(x), as a float: the median time of slow(x) divided by that of fast(x).

Read: torch.utils.benchmark.Timer, Timer.blocked_autorange, Measurement
"""
import torch
from torch.utils import benchmark


def speedup(slow, fast, x) -> float:
    def median(f):
        timer = benchmark.Timer(stmt="f(x)", globals={"f": f, "x": x})
        return timer.blocked_autorange(min_run_time=0.05).median

    return median(slow) / median(fast)


def row_norms_loop(x):
    return torch.stack([row.pow(2).sum().sqrt() for row in x])


def row_norms(x):
    return x.pow(2).sum(dim=1).sqrt()


if __name__ == "__main__":
    x = torch.randn(200, 64)
    print(f"one expression is {speedup(row_norms_loop, row_norms, x):.0f}x faster than the loop")
