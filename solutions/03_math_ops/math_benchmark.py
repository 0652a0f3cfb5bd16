"""math_benchmark: measure a speedup with torch.utils.benchmark.

`speedup(slow_fn, fast_fn, *args)` returns how many times faster
fast_fn(*args) runs than slow_fn(*args), as a Python float (above 1 when
fast_fn really is faster): time per call of slow_fn / time per call of fast_fn.

Time both with torch.utils.benchmark.Timer: give it a statement that CALLS
the function, e.g. Timer("f(*a)", globals={"f": slow_fn, "a": args}), and
use .timeit(100).median (seconds per call; .blocked_autorange() picks the
number of runs for you, at the cost of a longer wait). Timer warms up,
repeats, and fixes the thread count, which a single time.perf_counter()
around one call does not. The check gives you two functions whose speeds
it knows (one does the other's work 10 times) and accepts a wide band
around 10, since timings on a busy machine wander.

Read: torch.utils.benchmark.Timer, Measurement.median
"""
import torch
from torch.utils import benchmark


def speedup(slow_fn, fast_fn, *args) -> float:
    t_slow = benchmark.Timer("f(*a)", globals={"f": slow_fn, "a": args}).timeit(100).median
    t_fast = benchmark.Timer("f(*a)", globals={"f": fast_fn, "a": args}).timeit(100).median
    return t_slow / t_fast


if __name__ == "__main__":
    x = torch.randn(128, 128)
    print(speedup(lambda x: [x @ x for _ in range(10)], lambda x: x @ x, x))  # about 10
