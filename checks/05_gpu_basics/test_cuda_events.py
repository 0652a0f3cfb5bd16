"""Not yet verified on a GPU (written without one; see the README's table of GPU checks).

The reference is the check's own CUDA-event timing of the same calls, taken in the same run; GPU
time of a fixed kernel varies by a few percent, so the band (2.5x either way) is wide. The learner's
function runs twice per try: on an idle GPU, and behind a backlog of earlier work (40 products)
that must not be counted. On the idle GPU an end event read without waiting is still pending
(10 products take milliseconds), so elapsed_time raises.
"""
import numbers

import pytest
import torch

from dlings.testing import expect, fail

N = 4096  # a float32 product: 137 GFLOP, 1-10 ms on current GPUs
BACKLOG = 40


def _reference_ms(fn, repeats, backlog):
    backlog()  # measured like the learner's: behind a queue of earlier work, so the calls run back to back
    start, end = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
    start.record()
    for _ in range(repeats):
        fn()
    end.record()
    end.synchronize()
    return start.elapsed_time(end) / repeats


@pytest.fixture(scope="module")
def work(needs):
    g = torch.Generator(device="cuda").manual_seed(0)
    a = torch.randn(N, N, device="cuda", generator=g)
    b = torch.randn(N, N, device="cuda", generator=g)
    v = torch.randn(1 << 26, device="cuda", generator=g)  # 256 MB: ~0.1-0.5 ms per add, far more than a launch
    for _ in range(3):
        a @ b  # warm-up: kernels chosen, memory cached
        v + v
    torch.cuda.synchronize()
    return {"matmul": (lambda: a @ b, 10), "vector add": (lambda: v + v, 20)}


def _measure(exercise, fn, repeats, what):
    try:
        got = exercise.gpu_ms_per_call(fn, repeats)
    except RuntimeError as exc:
        text = str(exc)
        if "not ready" in text.lower() or "elapsed" in text.lower() or "enable_timing" in text.lower():
            fail(f"{what} raised RuntimeError: {text.splitlines()[0][:200]}",
                 hint="create both events with enable_timing=True, record both, and wait for the end "
                      "event (end.synchronize()) before elapsed_time.")
        raise
    torch.cuda.synchronize()
    if got is None:
        fail(f"{what} returned None.", hint="finish the TODO and `return` the milliseconds per call.")
    if isinstance(got, torch.Tensor) and got.numel() == 1:
        got = got.item()
    expect(isinstance(got, numbers.Real) and not isinstance(got, bool),
           f"{what} should return a number of milliseconds, but it returned {type(got).__name__}.")
    return float(got)


@pytest.mark.parametrize("name", ["matmul", "vector add"])
def test_ms_per_call(exercise, work, name):
    fn, repeats = work[name]
    a_mm = work["matmul"][0]
    label = "4096 x 4096 float32 matrix product" if name == "matmul" else "64M-element vector add"
    what = f"gpu_ms_per_call(fn, {repeats}) for a {label}"

    def backlog():
        for _ in range(BACKLOG):
            a_mm()

    def within(got, ref):
        return ref / 2.5 <= got <= ref * 2.5

    tries = []
    for _ in range(3):
        ref = _reference_ms(fn, repeats, backlog)
        idle = _measure(exercise, fn, repeats, what)
        backlog()  # earlier work, still queued when the learner's function starts
        busy = _measure(exercise, fn, repeats, what + " while the GPU is still busy with earlier work")
        tries.append((idle, busy, ref))
        if within(idle, ref) and within(busy, ref):
            return
    shown = "; ".join(f"{i:.4g} ms on an idle GPU and {b:.4g} ms on a busy one (events say {r:.4g} ms)"
                      for i, b, r in tries)
    ratios = [i / r for i, b, r in tries]
    hint = None
    if all(1 / 2000 < q < 1 / 500 for q in ratios):
        hint = "elapsed_time is already in milliseconds: do not divide by 1000."
    elif all(repeats / 2.5 < q < repeats * 2.5 for q in ratios):
        hint = f"that is the time of all {repeats} calls: divide by repeats."
    elif all(q < 1 / 2.5 for q in ratios):
        hint = ("the clock stopped before the GPU finished: record events in the GPU's queue (start.record(), "
                "end.record()) and wait with end.synchronize().")
    elif all(within(i, r) and b > r * 2.5 for i, b, r in tries):
        hint = ("work queued before your function ran was counted: events measure from where start.record() sits "
                "in the GPU's queue; a CPU clock would need torch.cuda.synchronize() before it starts.")
    fail(f"{what} measured {shown}.", hint=hint)
