"""perf_profiler_top_op: find where the time goes with torch.profiler.

Measure before you optimise. torch.profiler records every aten op a piece
of code runs, and how long it took. An op's SELF time is the time spent in
the op itself; its TOTAL time also counts the ops it calls (aten::linear
calls aten::addmm, so the linear's total holds the whole product, while
its self time is tiny). The op to optimise is the one with most self time.

Write `top_op(fn)`: profile one call fn() on the CPU and return the name
(a str such as "aten::mm") of the op with the largest self CPU time,
summed over all its calls in that run.

Read: torch.profiler.profile, torch.profiler.ProfilerActivity,
profile.key_averages, FunctionEventAvg (key, self_cpu_time_total)
"""
import torch
from torch.profiler import ProfilerActivity, profile


def top_op(fn) -> str:
    # TODO: profile fn() on the CPU; return the key of the op with the most self CPU time
    ...


if __name__ == "__main__":
    a, b = torch.randn(512, 512), torch.randn(512, 512)
    print(top_op(lambda: (a @ b).relu().sum()))
