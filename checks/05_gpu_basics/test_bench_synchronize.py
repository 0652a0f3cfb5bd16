import numbers

import pytest
import torch

from dlings.testing import expect, fail
from support_05_gpu_basics import SimulatedDevice, cuda_usable

# The simulated device runs each launch for exactly WORK seconds (at least) on a background thread.
# Before the learner's function runs, the check queues BACKLOG seconds of earlier work.
# A right answer measures WORK (5.0-5.6 ms measured on the loaded 2-core CI machine); the band is
# 0.9x to 3x of it. Without the last synchronize: microseconds. Without the first: the backlog
# spread over the calls, (150 ms + repeats * 5 ms) / repeats >= 26 ms. The total instead of per call:
# repeats * 5 ms >= 20 ms.
WORK = 0.005
BACKLOG = 0.150
STOPPED_EARLY = ("the clock stopped before the work was done: launch() only queues work. Call synchronize() "
                 "after the loop, before reading the clock. (benchmark.Timer would not help here: it waits only "
                 "for torch's own devices.)")


def _seconds(got, what):
    if got is None:
        fail(f"{what} returned None.", hint="finish the TODO and `return` the seconds per call.")
    if isinstance(got, torch.Tensor) and got.numel() == 1:
        got = got.item()
    expect(isinstance(got, numbers.Real) and not isinstance(got, bool),
           f"{what} should return a number of seconds, but it returned {type(got).__name__} {str(got)[:80]}.")
    return float(got)


@pytest.mark.parametrize("repeats", [4, 7])
def test_simulated_device(exercise, repeats):
    for attempt in range(3):
        device = SimulatedDevice()
        for _ in range(round(BACKLOG / WORK)):
            device.launch(WORK)
        launches = []

        def launch():
            launches.append(1)
            device.launch(WORK)

        what = f"time_per_call(launch, synchronize, {repeats}) on a device where each launch is 5 ms of work"
        got = _seconds(exercise.time_per_call(launch, device.synchronize, repeats), what)
        device.synchronize()
        expect(len(launches) >= repeats, f"{what} called launch() {len(launches)} times; expected {repeats}.",
               hint="launch `repeats` times between the two synchronize() calls, then divide by repeats.")
        ms = got * 1e3
        if got < 0.9 * WORK:
            fail(f"{what} measured {ms:.3g} ms per call: faster than the 5 ms each call keeps the device busy. "
                 "Impossible.", hint=STOPPED_EARLY)
        if got <= 3 * WORK:
            return
        if 0.9 * WORK * 1e3 <= got <= 3 * WORK * 1e3:
            hint = "that looks like milliseconds: return seconds (time.perf_counter() counts seconds)."
        elif abs(got - repeats * WORK) < abs(got - (BACKLOG + repeats * WORK) / repeats):
            hint = f"that is the time of all {repeats} calls: divide by repeats."
        else:
            hint = ("the device was still busy with work queued before your function ran, and the clock counted "
                    "it: call synchronize() BEFORE starting the clock too.")
        if attempt == 2:
            fail(f"{what} measured {ms:.3g} ms per call; each call is 5 ms of work.", hint=hint)


@pytest.mark.skipif(not cuda_usable(), reason="no usable CUDA GPU here")
def test_cuda(exercise):
    # a 4096 x 4096 float32 product: 137 GFLOP, a few ms on a data-centre GPU
    g = torch.Generator(device="cuda").manual_seed(0)
    a = torch.randn(4096, 4096, device="cuda", generator=g)
    b = torch.randn(4096, 4096, device="cuda", generator=g)
    flops = 2 * 4096**3
    for _ in range(3):
        a @ b
    torch.cuda.synchronize()
    start, end = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
    start.record()
    for _ in range(10):
        a @ b
    end.record()
    end.synchronize()
    ref = start.elapsed_time(end) / 1e3 / 10
    for _ in range(40):
        a @ b  # a backlog: 4x the work of the timed calls
    what = "time_per_call(lambda: a @ b, torch.cuda.synchronize, 10) for 4096 x 4096 float32 matrices on the GPU"
    got = _seconds(exercise.time_per_call(lambda: a @ b, torch.cuda.synchronize, 10), what)
    torch.cuda.synchronize()
    if got < ref / 3:
        fail(f"{what} measured {got * 1e3:.3g} ms per product: {flops / got / 1e12:.0f} TFLOP/s. CUDA events say "
             f"{ref * 1e3:.3g} ms.", hint=STOPPED_EARLY)
    expect(got <= ref * 3, f"{what} measured {got * 1e3:.3g} ms per product; CUDA events say {ref * 1e3:.3g} ms.",
           hint="the products queued before your function ran were counted: synchronize() before starting the clock; "
                "and divide by repeats.")
