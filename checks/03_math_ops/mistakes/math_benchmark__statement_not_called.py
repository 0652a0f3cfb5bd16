from torch.utils import benchmark


def speedup(slow_fn, fast_fn, *args) -> float:
    t_slow = benchmark.Timer("f", globals={"f": slow_fn}).timeit(100).median
    t_fast = benchmark.Timer("f", globals={"f": fast_fn}).timeit(100).median
    return t_slow / t_fast
