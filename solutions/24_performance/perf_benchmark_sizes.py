"""perf_benchmark_sizes: a fair benchmark across input sizes.

Which of two implementations is faster often depends on the input's size:
a Python loop pays for every element, one vectorised call pays a fixed
overhead. A fair comparison times both on the SAME input, made once before
timing: making it inside the timed statement would time its creation too.

Write `speed_ratios(fn_a, fn_b, make_input, sizes)`: for each n in sizes,
make one input x = make_input(n), time fn_a(x) and fn_b(x) with
torch.utils.benchmark.Timer, and return a dict {n: median time of fn_a(x)
divided by median time of fn_b(x)} (above 1: fn_b is faster at that size).

Read: torch.utils.benchmark.Timer (stmt, globals), Timer.blocked_autorange
"""
import torch
from torch.utils import benchmark


def speed_ratios(fn_a, fn_b, make_input, sizes) -> dict:
    ratios = {}
    for n in sizes:
        x = make_input(n)
        a = benchmark.Timer("f(x)", globals={"f": fn_a, "x": x}).blocked_autorange(min_run_time=0.05).median
        b = benchmark.Timer("f(x)", globals={"f": fn_b, "x": x}).blocked_autorange(min_run_time=0.05).median
        ratios[n] = a / b
    return ratios


def norms_loop(x):
    return torch.stack([row.norm() for row in x])


def norms_vectorised(x):
    return x.norm(dim=1)


if __name__ == "__main__":
    for n, r in speed_ratios(norms_loop, norms_vectorised, lambda n: torch.randn(n, 64), [1, 10, 100]).items():
        print(f"{n:4} rows: the vectorised version is {r:.1f}x faster")
