import numbers

import torch

from dlings.testing import expect, fail

# Pairs whose speed ratio is known by construction: `slow` does the same work as `fast`, k times.
# Measured on the 2-core CI machine with other jobs running: k=8 gives 6-8.5, k=1 gives 0.8-1.25,
# the reversed pair 0.12-0.3. The bands are wide, and each pair gets three tries.
A = torch.randn(96, 96, generator=torch.Generator().manual_seed(0))


def _work(x):
    return (x @ A).sum()


def _repeat(k):
    def f(x):
        for _ in range(k):
            _work(x)
    return f


PAIRS = [
    # (description, slow, fast, band)
    ("slow does the work 8 times, fast once", _repeat(8), _repeat(1), (3.0, 24.0)),
    ("slow and fast do the same work", _repeat(1), _repeat(1), (0.4, 2.5)),
    ("'slow' does the work once and 'fast' 5 times (so the ratio is below 1)", _repeat(1), _repeat(5), (0.06, 0.6)),
]


def _ratio(exercise, slow, fast, x, what):
    calls = {"slow": 0, "fast": 0}

    def counted(name, f):
        def g(arg):
            calls[name] += 1
            return f(arg)
        return g

    got = exercise.speedup(counted("slow", slow), counted("fast", fast), x)
    if got is None:
        fail(f"{what} returned None.", hint="finish the TODO and `return` the ratio.")
    parts = got if isinstance(got, (tuple, list)) else [got]
    if any(type(p).__name__ == "Measurement" for p in parts):
        fail(f"{what} returned {'Measurements' if len(parts) > 1 else 'a Measurement'}; one float is expected.",
             hint="a Measurement's .median is the seconds per run: divide the two medians.")
    if isinstance(got, torch.Tensor) and got.numel() == 1:
        got = got.item()
    expect(isinstance(got, numbers.Real) and not isinstance(got, bool),
           f"{what} should return a float, but it returned {type(got).__name__} {str(got)[:80]}.")
    expect(calls["slow"] >= 3 and calls["fast"] >= 3,
           f"{what} called slow {calls['slow']} times and fast {calls['fast']} times.",
           hint="let benchmark.Timer run each function many times (blocked_autorange does); one call is noise.")
    return float(got)


def test_known_ratios(exercise):
    x = torch.randn(96, 96, generator=torch.Generator().manual_seed(1))
    for label, slow, fast, (lo, hi) in PAIRS:
        what = f"speedup(slow, fast, x) where {label}"
        tries = []
        for _ in range(3):
            ratio = _ratio(exercise, slow, fast, x, what)
            tries.append(ratio)
            if lo <= ratio <= hi:
                break
        else:
            shown = ", ".join(f"{r:.3g}" for r in tries)
            hint = None
            if all(r > 0 and lo <= 1 / r <= hi for r in tries):
                hint = "the ratio is upside down: time of slow divided by time of fast."
            elif all(abs(r) < 0.05 for r in tries) and lo > 0.05:
                hint = "that looks like a difference of times in seconds, not a ratio: divide the medians."
            fail(f"{what} gave {shown} in three tries; expected between {lo:g} and {hi:g}.", hint=hint or
                 "time each function with benchmark.Timer(stmt='f(x)', globals={'f': f, 'x': x}) and divide the "
                 "medians (slow / fast).")
