import torch
from torch.utils import benchmark


def matmul_speed(n, device):
    a = torch.randn(n, n, device=device)
    b = torch.randn(n, n, device=device)
    seconds = benchmark.Timer("a @ b", globals={"a": a, "b": b}).blocked_autorange(min_run_time=0.05).median
    return 2 * n**3 / seconds, seconds
