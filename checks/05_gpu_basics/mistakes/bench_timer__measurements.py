from torch.utils import benchmark


def speedup(slow, fast, x) -> float:
    t_slow = benchmark.Timer(stmt="slow(x)", globals={"slow": slow, "x": x}).blocked_autorange(min_run_time=0.05)
    t_fast = benchmark.Timer(stmt="fast(x)", globals={"fast": fast, "x": x}).blocked_autorange(min_run_time=0.05)
    return t_slow, t_fast
