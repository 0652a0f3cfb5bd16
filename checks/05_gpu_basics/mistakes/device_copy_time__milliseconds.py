from torch.utils import benchmark


def copy_seconds(x, device) -> float:
    timer = benchmark.Timer("x.to(device, copy=True)", globals={"x": x, "device": device})
    return timer.blocked_autorange(min_run_time=0.05).median * 1000
