import time


def speedup(slow_fn, fast_fn, *args) -> float:
    t0 = time.perf_counter()
    slow_fn(*args)
    t1 = time.perf_counter()
    fast_fn(*args)
    t2 = time.perf_counter()
    return (t1 - t0) / (t2 - t1)
