import time


def speedup(slow, fast, x) -> float:
    start = time.perf_counter()
    slow(x)
    t_slow = time.perf_counter() - start
    start = time.perf_counter()
    fast(x)
    t_fast = time.perf_counter() - start
    return t_slow / t_fast
