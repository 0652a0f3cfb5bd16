import torch
from torch.utils import benchmark


def matmul_speed(n, device):
    a = torch.randn(n, n, device=device)
    b = torch.randn(n, n, device=device)
    ms = benchmark.Timer("a @ b", globals={"a": a, "b": b}).blocked_autorange(min_run_time=0.05).median * 1e3
    return ms, 2 * n**3 / ms * 1e3
