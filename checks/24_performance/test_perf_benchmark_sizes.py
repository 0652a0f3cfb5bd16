"""Two functions whose costs are known by construction: fn_a(x) does one unit of work per row of
x, fn_b(x) always 4 units, so fn_a / fn_b is n / 4: 0.5, 3 and 12 at sizes 2, 12 and 48. Measured
on the loaded 2-core CI machine: 0.55-0.7, 2.6-3.2, 10-12.5. Bands: a factor 2.5 either side, three
tries. make_input(n) is slow on purpose (20 units) and counted: timing it inside the statement shows
as many calls (and squashes the ratios towards 1).
"""
import numbers

import torch

from dlings.testing import expect, fail

W = torch.randn(48, 48, generator=torch.Generator().manual_seed(0))
SIZES = [2, 12, 48]


def _unit():
    return W @ W


def _check_once(exercise, what):
    made, seen = [], {"fn_a": [], "fn_b": []}

    def make_input(n):
        for _ in range(20):
            _unit()
        made.append(n)
        return torch.zeros(n, 3)

    def fn_a(x):
        seen["fn_a"].append(len(x))
        for _ in range(len(x)):
            _unit()

    def fn_b(x):
        seen["fn_b"].append(len(x))
        for _ in range(4):
            _unit()

    got = exercise.speed_ratios(fn_a, fn_b, make_input, list(SIZES))
    if got is None:
        fail(f"{what} returned None.", hint="finish the TODO and `return` the dict of ratios.")
    expect(isinstance(got, dict), f"{what} returned {type(got).__name__}; a dict {{size: ratio}} is expected.",
           hint="ratios = {}; ratios[n] = ...; return ratios")
    expect(sorted(made) == sorted(SIZES) or len(made) > len(SIZES),
           f"{what} called make_input {len(made)} times, with {made}; expected once per size: {SIZES}.",
           hint="make the input inside the loop over sizes: x = make_input(n), then time both functions on it.")
    expect(len(made) == len(SIZES),
           f"{what} called make_input {len(made)} times; expected once per size ({len(SIZES)} calls).",
           hint="the input was made inside the timed statement, so the timings include making it: make "
                "x = make_input(n) once before timing, and pass x in the Timer's globals.")
    for name in ("fn_a", "fn_b"):
        for n in SIZES:
            calls = seen[name].count(n)
            expect(calls >= 3, f"{what} called {name} {calls} times on the input of size {n}.",
                   hint="let benchmark.Timer run each function many times (blocked_autorange does); one call "
                        "timed with a clock is mostly noise.")
    expect(sorted(got) == sorted(SIZES), f"{what} returned the keys {sorted(got)}; expected the sizes {SIZES}.")
    ratios = {}
    for n in SIZES:
        r = got[n]
        if isinstance(r, torch.Tensor) and r.numel() == 1:
            r = r.item()
        if type(r).__name__ == "Measurement":
            fail(f"{what}[{n}] is a Measurement; a float (a ratio of two medians) is expected.",
                 hint="a Measurement's .median is the seconds per run: divide the two medians.")
        expect(isinstance(r, numbers.Real) and not isinstance(r, bool),
               f"{what}[{n}] is {type(r).__name__} {str(r)[:60]}; a float is expected.")
        ratios[n] = float(r)
    return ratios


def test_ratios_by_size(exercise):
    torch.set_num_threads(1)
    what = ("speed_ratios(fn_a, fn_b, make_input, [2, 12, 48]) where fn_a does n units of work on an input of "
            "size n and fn_b always 4")
    expected = {n: n / 4 for n in SIZES}
    tries = []
    for _ in range(3):
        ratios = _check_once(exercise, what)
        tries.append(ratios)
        if all(expected[n] / 2.5 <= ratios[n] <= expected[n] * 2.5 for n in SIZES):
            return
    shown = "; ".join(", ".join(f"{n}: {r[n]:.3g}" for n in SIZES) for r in tries)
    want = ", ".join(f"{n}: {expected[n]:g}" for n in SIZES)
    hint = None
    if all(all(r[n] > 0 and expected[n] / 2.5 <= 1 / r[n] <= expected[n] * 2.5 for n in SIZES) for r in tries):
        hint = "the ratios are upside down: time of fn_a divided by time of fn_b."
    fail(f"{what} gave {{{shown}}} in three tries; expected about {{{want}}} (within a factor 2.5).",
         hint=hint or "for each n: x = make_input(n); time fn_a(x) and fn_b(x) with benchmark.Timer(stmt='f(x)', "
                      "globals={'f': ..., 'x': x}).blocked_autorange(); store median_a / median_b under n.")
