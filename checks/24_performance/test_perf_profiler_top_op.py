"""The check builds functions whose top op by self CPU time is known by construction, each
winning by a wide margin (measured single-threaded on the loaded 2-core CI machine):

- a 384 x 384 product (aten::matmul calls aten::mm: mm holds the self time, matmul the total),
  after 30 additions on 8 numbers: mm 5-12 ms, the additions under 0.5 ms;
- an nn.Linear on 2048 x 256 (aten::linear -> aten::addmm): addmm 3-8 ms, the rest < 0.3 ms;
- 400 cumulative sums of 20 000 numbers (8-20 ms together) and one sort of 40 000 numbers
  (2-4 ms): cumsum wins summed over its calls, sort wins per call.
Each function gets three tries before the check fails.
"""
import torch
from torch import nn

from dlings.testing import expect, fail

G = torch.Generator().manual_seed(0)
A, B = torch.randn(384, 384, generator=G), torch.randn(384, 384, generator=G)
SMALL = torch.randn(8, generator=G)
LINEAR = nn.Linear(256, 256)
X = torch.randn(2048, 256, generator=G)
LONG, SHORT = torch.randn(40_000, generator=G), torch.randn(20_000, generator=G)


def small_adds_then_matmul():
    for _ in range(30):
        SMALL + 1.0
    return A @ B


def linear_layer():
    with torch.no_grad():
        return LINEAR(X)


def one_sort_many_cumsums():
    LONG.sort()
    for _ in range(400):
        SHORT.cumsum(0)


CASES = [
    (small_adds_then_matmul, "aten::mm", {
        "aten::matmul": "aten::matmul only calls aten::mm: its TOTAL time is the product's, its self time is "
                        "tiny. Pick the largest self_cpu_time_total, not cpu_time_total.",
        "aten::add": "aten::add is the first op the function ran, not the slowest: take the max over all the "
                     "rows of key_averages() by self_cpu_time_total."}),
    (linear_layer, "aten::addmm", {
        "aten::linear": "aten::linear only calls aten::addmm: its TOTAL time is the product's, its self time is "
                        "tiny. Pick the largest self_cpu_time_total, not cpu_time_total."}),
    (one_sort_many_cumsums, "aten::cumsum", {
        "aten::sort": "one sort is slower than one cumsum, but 400 cumsums take longer than one sort: compare "
                      "the self time summed over all calls (self_cpu_time_total), not the time per call."}),
]

DESCRIBED = {
    small_adds_then_matmul: "30 additions on 8 numbers, then a 384 x 384 matrix product",
    linear_layer: "an nn.Linear(256, 256) on a 2048 x 256 batch",
    one_sort_many_cumsums: "one sort of 40 000 numbers, then 400 cumsums of 20 000 numbers",
}


def test_top_op(exercise):
    torch.set_num_threads(1)
    for fn, expected, mistakes in CASES:
        what = f"top_op(fn) where fn runs {DESCRIBED[fn]}"
        tries = []
        for _ in range(3):
            calls = []

            def counted(fn=fn, calls=calls):
                calls.append(1)
                return fn()

            got = exercise.top_op(counted)
            if got is None:
                fail(f"{what} returned None.", hint="finish the TODO and `return` the op's name.")
            if not isinstance(got, str):
                hint = None
                if hasattr(got, "key") and hasattr(got, "self_cpu_time_total"):
                    hint = "that is the profiler's row for the op: return its name, the .key attribute."
                fail(f"{what} returned {type(got).__name__} {str(got)[:80]!r}; the op's name, a str such as "
                     "'aten::mm', is expected.", hint=hint)
            expect(calls, f"{what} never called fn.", hint="call fn() inside the `with profile(...)` block.")
            tries.append(got)
            if got == expected:
                break
        else:
            shown = ", ".join(repr(t) for t in tries)
            hint = next((mistakes[t] for t in tries if t in mistakes), None)
            fail(f"{what} returned {shown} in three tries; the op with the most self CPU time is {expected!r}.",
                 hint=hint or "profile fn() with activities=[ProfilerActivity.CPU], then take the row of "
                              "prof.key_averages() with the largest self_cpu_time_total and return its .key.")
