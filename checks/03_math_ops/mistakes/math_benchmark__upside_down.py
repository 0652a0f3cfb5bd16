from torch.utils import benchmark


def speedup(slow_fn, fast_fn, *args) -> float:
    t_slow = benchmark.Timer("f(*a)", globals={"f": slow_fn, "a": args}).timeit(100).median
    t_fast = benchmark.Timer("f(*a)", globals={"f": fast_fn, "a": args}).timeit(100).median
    return t_fast / t_slow
