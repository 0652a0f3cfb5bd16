from torch.utils import benchmark


def speedup(slow, fast, x) -> float:
    def median(f):
        return benchmark.Timer(stmt="f(x)", globals={"f": f, "x": x}).blocked_autorange(min_run_time=0.05).median

    return median(fast) / median(slow)
