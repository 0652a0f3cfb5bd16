import torch
from torch.utils import benchmark

from dlings.testing import expect, fail
from support_03_math_ops import as_float, call

REPEATS = 10
# slow_fn does fast_fn's work REPEATS times, so the true ratio is close to REPEATS. Timings on a busy
# machine wander (we have seen 6 to 25 for 10), so the check accepts a wide band, which still rejects the
# mistakes: an upside-down ratio (about 0.1) or timing the name instead of the call (about 1).
LOW, HIGH = 2.5, 50.0


def _fast(x):
    return x @ x


def _slow(x):
    for _ in range(REPEATS):
        y = x @ x
    return y


def _ratio(x):
    t_slow = benchmark.Timer("f(x)", globals={"f": _slow, "x": x}).timeit(20).median
    t_fast = benchmark.Timer("f(x)", globals={"f": _fast, "x": x}).timeit(200).median
    return t_slow / t_fast


def _learner_ratio(exercise, x):
    made = []
    original_init = benchmark.Timer.__init__

    def counting_init(self, *args, **kwargs):
        made.append(self)
        original_init(self, *args, **kwargs)

    benchmark.Timer.__init__ = counting_init
    try:
        value = call(exercise.speedup, _slow, _fast, x)
    finally:
        benchmark.Timer.__init__ = original_init
    if isinstance(value, benchmark.Measurement):
        fail("speedup(...) returned a Measurement, not a number.",
             hint="a Measurement holds many timings: take .median (seconds per call) of each, then divide.")
    got = as_float(value, "speedup(slow_fn, fast_fn, x)")
    expect(len(made) >= 2, f"speedup(...) returned {got:.3g} without timing both functions with torch.utils.benchmark.Timer "
           f"({len(made)} Timer made).",
           hint="this exercise is about torch.utils.benchmark: build one Timer per function.")
    return got


def test_speedup(exercise):
    torch.manual_seed(0)
    x = torch.randn(128, 128)
    # Up to 3 tries: one inside the band is enough (a busy machine can spoil one measurement).
    for attempt in range(3):
        got = _learner_ratio(exercise, x)
        if LOW <= got <= HIGH:
            return
    ref = _ratio(x)
    hint = None
    if 0 < got < 0.5:
        hint = ("a result below 1 says fast_fn was the slower one: the ratio is upside down. "
                "slow time / fast time is above 1 when fast_fn is faster.")
    elif 0.5 < got < 2:
        hint = ("both timings are about equal: does your Timer statement CALL the function (\"f(*a)\"), "
                "and pass the arguments in globals? \"f\" alone only looks the name up.")
    fail(f"speedup(slow_fn, fast_fn, x) is not right for a slow_fn that does fast_fn's work {REPEATS} times.\n"
         f"  expected about {REPEATS} (the check measured {ref:.1f} just now; anything from {LOW} to {HIGH:.0f} passes)\n"
         f"  got      {got:.3g} (on the last of 3 tries)", hint=hint)
