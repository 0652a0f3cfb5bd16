from torch.utils import benchmark


def speedup(slow, fast, x) -> float:
    t_slow = benchmark.Timer(stmt="slow(x)").blocked_autorange(min_run_time=0.05).median
    t_fast = benchmark.Timer(stmt="fast(x)").blocked_autorange(min_run_time=0.05).median
    return t_slow / t_fast
