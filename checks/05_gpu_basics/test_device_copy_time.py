import numbers
import time

import pytest
import torch

from dlings.testing import expect, fail
from support_05_gpu_basics import call, devices, median_seconds

# 16 MB of float32. Two references, taken in the same run: the check's own Timer median of the same
# copy (fast: Timer's blocks reuse freed memory) and a median of single calls timed one by one
# (slow: each call may fault in fresh pages). Measured on the 2-core CI machine under load: Timer
# 2-17 ms, single calls 14-40 ms for the same 16 MB copy. The learner's number must lie between
# fast / 5 and slow * 10 (three tries), and no memory moves 16 MB faster than 1 TB/s; x.to("cpu")
# without copy= takes ~1 us.
IMPOSSIBLE = 1e12
X = torch.randn(4_000_000, generator=torch.Generator().manual_seed(0))


def _single_calls(stmt, globals, cuda, n=7):
    code = compile(stmt, "<reference>", "eval")
    times, kept = [], None
    for _ in range(n):
        start = time.perf_counter()
        kept = (kept, eval(code, globals))[1:]  # the previous result lives while the next is made
        if cuda:
            torch.cuda.synchronize()
        times.append(time.perf_counter() - start)
    return sorted(times)[n // 2]


def _seconds(exercise, x, device, what):
    got = call(exercise.copy_seconds, x, device, what=what)
    if got is None:
        fail(f"{what} returned None.", hint="finish the TODO and `return` the median seconds.")
    if type(got).__name__ == "Measurement":
        fail(f"{what} returned a Measurement; a float (seconds) is expected.", hint="return its .median.")
    if isinstance(got, torch.Tensor) and got.numel() == 1:
        got = got.item()
    expect(isinstance(got, numbers.Real) and not isinstance(got, bool) and got > 0,
           f"{what} should return a positive number of seconds, but it returned {got!r}.")
    return float(got)


@pytest.mark.parametrize("device", devices())
def test_a_real_copy(exercise, device):
    what = f"copy_seconds(x, {device!r}) for a 16 MB float32 x on the cpu"
    if device == "cpu":
        ref_stmt = "x.clone()"
    else:
        ref_stmt = f"x.to({device!r})"
    tries = []
    for _ in range(3):
        got = _seconds(exercise, X, device, what)
        ref = median_seconds(ref_stmt, {"x": X})
        slow = _single_calls(ref_stmt, {"x": X}, cuda=device == "cuda")
        tries.append((got, ref, slow))
        if X.nbytes / got > IMPOSSIBLE:
            fail(f"{what} measured {got * 1e6:.2f} us per copy: {X.nbytes / got / 1e12:.0f} TB/s, faster than "
                 f"any memory. A real copy takes about {ref * 1e3:.2f} ms here.",
                 hint="nothing was copied: x.to(device) returns x itself when x is already there. Time "
                      "x.to(device, copy=True), a copy that always happens.")
        if ref / 5 <= got <= slow * 10:
            break
    else:
        shown = "; ".join(f"{g * 1e3:.3g} ms (a copy takes {min(r, s) * 1e3:.3g} to {max(r, s) * 1e3:.3g} ms)"
                          for g, r, s in tries)
        hint = None
        if all(g > s * 10 for g, r, s in tries):
            hint = ("that looks like milliseconds, or the time of many copies: return the seconds of ONE copy "
                    "(Measurement.median is already seconds per run).")
        elif all(g < r / 5 for g, r, s in tries):
            hint = "too fast for a real copy: is every timed run copying all of x to `device`?"
        fail(f"{what} measured {shown}.", hint=hint)


def test_goes_to_the_device(exercise):
    # Copying to "meta" moves no data: ~5 us here, against 2-20 ms for the same 16 MB copy on the CPU.
    # A "meta" answer 50x faster than the CPU copy shows the timed statement goes to `device`.
    what = "copy_seconds(x, 'meta') for a 16 MB float32 x on the cpu"
    for _ in range(3):
        got = _seconds(exercise, X, "meta", what)
        ref = median_seconds("x.clone()", {"x": X})
        if got < ref / 50:
            return
    fail(f"{what} measured {got * 1e3:.3g} ms, about as long as a copy on the CPU ({ref * 1e3:.3g} ms); a copy to "
         "'meta' moves no data and takes microseconds.", hint="the statement you time must copy x to `device`, "
         "the argument: x.to(device, copy=True).")
