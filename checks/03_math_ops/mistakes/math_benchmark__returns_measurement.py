from torch.utils import benchmark


def speedup(slow_fn, fast_fn, *args) -> float:
    return benchmark.Timer("f(*a)", globals={"f": slow_fn, "a": args}).timeit(100)
