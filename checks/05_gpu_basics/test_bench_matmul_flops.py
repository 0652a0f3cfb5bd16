import math
import numbers

import pytest
import torch

from dlings.testing import expect, fail
from support_05_gpu_basics import call, devices, median_seconds

# The reference is the check's own Timer median of the same product, taken in the same run; the
# learner's seconds must be within 10x of it (three tries): Timer's settings are the learner's choice
# (num_threads=2 on a busy 2-core machine can be several times slower than the default 1). Measured on the 2-core CI machine under
# load: n=256 takes 0.6-3 ms per product on one CPU thread (10-50 GFLOP/s); a 'meta' product ~10 us.
# No device here reaches 2 PFLOP/s (an H100/H200 is ~60 TFLOP/s in float32, ~1 PFLOP/s in fp16).
IMPOSSIBLE = 2e15
SIZES = {"cpu": [128, 256], "cuda": [2048]}


def _speed(exercise, n, device, what):
    got = call(exercise.matmul_speed, n, device, what=what)
    if got is None:
        fail(f"{what} returned None.", hint="finish the TODO and `return` (seconds, flop_per_second).")
    expect(isinstance(got, (tuple, list)) and len(got) == 2,
           f"{what} should return a pair (seconds, FLOP/s), but it returned {got!r}.")
    values = []
    for name, v in zip(("seconds", "FLOP/s"), got):
        if type(v).__name__ == "Measurement":
            fail(f"{what} returned a Measurement as its {name}; a number is expected.", hint="use its .median.")
        if isinstance(v, torch.Tensor) and v.numel() == 1:
            v = v.item()
        expect(isinstance(v, numbers.Real) and not isinstance(v, bool) and v > 0 and math.isfinite(v),
               f"{what} returned {v!r} as its {name}; a positive number is expected.")
        values.append(float(v))
    return values


@pytest.mark.parametrize("device", devices())
def test_seconds_and_flops(exercise, device):
    for n in SIZES[device]:
        what = f"matmul_speed({n}, {device!r})"
        tries = []
        for _ in range(3):
            seconds, speed = _speed(exercise, n, device, what)
            flops = 2 * n**3
            if not math.isclose(seconds * speed, flops, rel_tol=1e-6):
                hint = "FLOP/s = FLOPs / seconds, with FLOPs = 2 * n**3 for an (n, n) @ (n, n) product."
                if math.isclose(seconds * speed, n**3, rel_tol=1e-6):
                    hint = "each output needs n multiplies AND n adds: 2 * n**3 FLOPs, not n**3."
                elif math.isclose(speed / seconds, flops, rel_tol=1e-6):
                    hint = "the pair is (seconds, FLOP/s), in that order."
                fail(f"{what} returned seconds={seconds:.4g} and FLOP/s={speed:.4g}: their product is "
                     f"{seconds * speed:.4g}, not the {flops:.4g} FLOPs of the product.", hint=hint)
            g = torch.Generator().manual_seed(n)
            a = torch.randn(n, n, generator=g).to(device)
            b = torch.randn(n, n, generator=g).to(device)
            ref = median_seconds("a @ b", {"a": a, "b": b})
            tries.append((seconds, ref))
            if speed > IMPOSSIBLE:
                fail(f"{what} claims {speed / 1e12:.0f} TFLOP/s ({seconds * 1e6:.2f} us per product): impossible. "
                     f"The product really takes about {ref * 1e3:.3g} ms.",
                     hint="the clock stopped before the work was done: time with benchmark.Timer, which waits "
                          "for the device.")
            if ref / 10 <= seconds <= ref * 10:
                break
        else:
            shown = "; ".join(f"{s * 1e3:.3g} ms (the product takes {r * 1e3:.3g} ms)" for s, r in tries)
            hint = None
            if all(s > 1e3 for s, r in tries):
                hint = "the pair is (seconds, FLOP/s), in that order."
            elif all(s > r * 10 for s, r in tries):
                hint = ("too slow for one product: time only a @ b (make the matrices outside the timed "
                        "statement), and return seconds, not milliseconds.")
            fail(f"{what} measured {shown}.", hint=hint)


def test_runs_on_the_device(exercise):
    # A product on "meta" computes nothing (shapes only): ~10-30 us, against 5-30 ms for n=512 on one
    # CPU thread here. A "meta" answer 20x faster than the CPU product shows the work ran on `device`.
    n = 512
    what = f"matmul_speed({n}, 'meta')"
    g = torch.Generator().manual_seed(0)
    a, b = torch.randn(n, n, generator=g), torch.randn(n, n, generator=g)
    for _ in range(3):
        seconds, _ = _speed(exercise, n, "meta", what)
        ref = median_seconds("a @ b", {"a": a, "b": b})
        if seconds < ref / 20:
            return
    fail(f"{what} measured {seconds * 1e3:.3g} ms per product, about as long as on the CPU ({ref * 1e3:.3g} ms); "
         "on 'meta' a product computes nothing and takes microseconds.",
         hint="make the matrices on `device` (torch.randn(n, n, device=device)).")
