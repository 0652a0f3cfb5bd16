"""perf_compile_speed: what torch.compile costs, and what it gives back.

The first call of a compiled function traces and compiles it: seconds,
once. Later calls on inputs of the same shape reuse the compiled code.
The default backend, inductor (on the CPU it needs a C++ compiler), fuses
a chain of elementwise ops into one loop that reads and writes memory once
instead of once per op. Judge it by the calls after the first.

Write `compile_report(fn, x, backend="inductor")`: compile fn once with
torch.compile(fn, backend=backend) and return a dict of floats:
  "first_call": seconds of the compiled function's first call on x
                (compiling included), timed with time.perf_counter;
  "eager":      median seconds of fn(x), and
  "compiled":   median seconds of the compiled function on x after its
                first call, both timed with torch.utils.benchmark.Timer;
  "max_diff":   the largest absolute difference between the compiled
                and the eager results on x.

Read: torch.compile (backend), torch.utils.benchmark.Timer, time.perf_counter
"""
import time

import torch
from torch.utils import benchmark


def compile_report(fn, x, backend="inductor") -> dict:
    compiled = torch.compile(fn, backend=backend)
    start = time.perf_counter()
    out = compiled(x)
    first_call = time.perf_counter() - start

    def median(f):
        return benchmark.Timer("f(x)", globals={"f": f, "x": x}).blocked_autorange(min_run_time=0.05).median

    return {
        "first_call": first_call,
        "eager": median(fn),
        "compiled": median(compiled),
        "max_diff": (out - compiled(x)).abs().max().item(),
    }


def chain(x):
    y = torch.tanh(x * 1.5 + 0.25) * x
    return (y.relu() + x.abs()) * 0.5 - x


if __name__ == "__main__":
    report = compile_report(chain, torch.randn(1_000_000))  # the first compile can take a minute
    print({k: f"{v:.3g}" for k, v in report.items()})
    print(f"{report['eager'] / report['compiled']:.1f}x faster after the first call")
