"""step(b) costs 32 units of work (the fixed part) plus one unit per 4 samples, so the throughput at
4, 16, 64 and 256 samples is in the ratio 1 : 3.7 : 11 : 22 (relative to batch 4), while the time
per step goes 1 : 1.09 : 1.45 : 2.9. Measured on the loaded 2-core CI machine (load 16): within 15 %
of the ratios. Bands: a factor 2 either side of each ratio, three tries. One unit is a 48 x 48
matrix product.
"""
import math
import numbers

import torch

from dlings.testing import expect, fail

W = torch.randn(48, 48, generator=torch.Generator().manual_seed(0))
SIZES = [4, 16, 64, 256]
FIXED = 32
COST = {b: FIXED + b // 4 for b in SIZES}  # units of work per step
EXPECTED = {b: (b / COST[b]) / (SIZES[0] / COST[SIZES[0]]) for b in SIZES}  # 1, 3.7, 11, 22
# what other quantities come out as, relative to batch 4, with the hint for each
OTHERS = [
    ({b: COST[b] / COST[SIZES[0]] for b in SIZES},
     "those grow like the seconds per step: samples per second is b / (median seconds of one step)."),
    ({b: COST[SIZES[0]] / COST[b] for b in SIZES},
     "those look like steps per second (1 / median): each step processes b samples, so samples per second is "
     "b / median."),
    ({b: 1 / EXPECTED[b] for b in SIZES},
     "those look like seconds per sample (median / b): samples per second is the inverse, b / median."),
]


def _once(exercise, what):
    calls = {b: 0 for b in SIZES}

    def step(b):
        expect(b in calls, f"{what} called step({b!r}); the batch sizes are {SIZES}.")
        calls[b] += 1
        for _ in range(COST[b]):
            W @ W

    got = exercise.throughput(step, list(SIZES))
    if got is None:
        fail(f"{what} returned None.", hint="finish the TODO and `return` the dict.")
    expect(isinstance(got, dict), f"{what} returned {type(got).__name__}; a dict {{batch size: samples/s}} is "
                                  "expected.")
    expect(sorted(got) == SIZES, f"{what} has the keys {sorted(got)}; expected the batch sizes {SIZES}.")
    for b in SIZES:
        expect(calls[b] >= 3, f"{what} called step({b}) {calls[b]} times.",
               hint="let benchmark.Timer run each step many times (blocked_autorange does); one call is noise.")
    rates = {}
    for b in SIZES:
        r = got[b]
        if isinstance(r, torch.Tensor) and r.numel() == 1:
            r = r.item()
        expect(isinstance(r, numbers.Real) and not isinstance(r, bool) and r > 0,
               f"{what}[{b}] is {type(r).__name__} {str(r)[:60]}; a positive number of samples per second is "
               "expected.")
        rates[b] = float(r)
    return rates


def test_throughput(exercise):
    torch.set_num_threads(1)
    what = "throughput(step, [4, 16, 64, 256]) where a step costs a fixed part plus a part per sample"
    tries = []
    for _ in range(3):
        rates = _once(exercise, what)
        relative = {b: rates[b] / rates[SIZES[0]] for b in SIZES}
        tries.append(relative)
        if all(EXPECTED[b] / 2 <= relative[b] <= EXPECTED[b] * 2 for b in SIZES):
            return
    shown = "; ".join(", ".join(f"{b}: {r[b]:.3g}" for b in SIZES) for r in tries)
    want = ", ".join(f"{b}: {EXPECTED[b]:.2g}" for b in SIZES)

    def distance(pattern):
        return sum(abs(math.log(tries[-1][b] / pattern[b])) for b in SIZES)

    hint = ("time step(b) with benchmark.Timer(\"step(b)\", globals={\"step\": step, \"b\": b}) and divide b by "
            "the median.")
    pattern, cause = min(OTHERS, key=lambda other: distance(other[0]))
    if distance(pattern) < distance(EXPECTED):
        hint = cause
    fail(f"{what}: relative to batch 4, the rates came out {{{shown}}} in three tries; expected about {{{want}}} "
         "(within a factor 2).", hint=hint)
