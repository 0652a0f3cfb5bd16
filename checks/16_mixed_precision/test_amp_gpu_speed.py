"""Not yet verified on a GPU (written without one; see the README's table of GPU checks).

Four nn.Linear(4096, 4096) on x (4096, 4096): 550 GFLOP per forward. With TF32 off (the check turns it off and
restores it), float32 runs on the CUDA cores and float16 on the tensor cores: the datasheets give 4-16x
(datacenter GPUs) and about 2x (consumer GPUs with float32 accumulation); the bar is 1.5x. The learner's
float32 time must agree with the check's own measurement within a factor of 2 (units, per-call means)."""
import numbers

import torch
from torch import nn

from dlings.testing import expect, expect_untouched, fail, snapshot
from support_16_mixed_precision import call, linear_dtypes

REPEATS = 10


def _reference_ms(model, x, amp):
    with torch.no_grad(), torch.autocast("cuda", dtype=torch.float16, enabled=amp):
        model(x)
        start, end = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
        start.record()
        for _ in range(REPEATS):
            model(x)
        end.record()
        end.synchronize()
    return start.elapsed_time(end) / REPEATS


def _number(v, what):
    if v is None or v is Ellipsis:
        fail(f"{what} returned {v!r}.", hint="finish the TODO and `return` the mean milliseconds per forward.")
    if isinstance(v, torch.Tensor) or isinstance(v, bool) or not isinstance(v, numbers.Real):
        fail(f"{what} returned a {type(v).__name__}; a Python float (milliseconds) is expected.")
    expect(v > 0, f"{what} returned {v}; a time must be positive.")
    return float(v)


def test_fp16_is_faster(exercise, needs):
    old_tf32 = torch.backends.cuda.matmul.allow_tf32
    torch.backends.cuda.matmul.allow_tf32 = False
    try:
        torch.manual_seed(0)
        model = nn.Sequential(*[nn.Linear(4096, 4096) for _ in range(4)]).cuda()
        x = torch.randn(4096, 4096, device="cuda")
        before = snapshot(model)
        got = {}
        for amp in (False, True):
            what = f"forward_ms(model, x, amp={amp}, repeats={REPEATS})"
            with linear_dtypes(model) as seen:
                got[amp] = _number(call(exercise.forward_ms, model, x, amp, REPEATS, what=what), what)
            want = torch.float16 if amp else torch.float32
            expect(seen and all(d == want for d in seen),
                   f"{what}: the Linear layers gave {sorted(set(map(str, seen)))}; expected {want}.",
                   hint="torch.autocast(\"cuda\", dtype=torch.float16, enabled=amp): float16 when amp is True, "
                        "plain float32 when it is False.")
            expect(len(seen) == 4 * (REPEATS + 1),
                   f"{what} ran {len(seen) // 4} forwards; expected one warm-up and {REPEATS} timed.")
        expect_untouched(model, before, "the model after forward_ms",
                         hint="autocast casts copies; model.half() converts the model itself.")
        ref = {amp: _reference_ms(model, x, amp) for amp in (False, True)}
        ratio = ref[False] / got[False]
        expect(0.5 <= ratio <= 2.0,
               f"forward_ms(model, x, amp=False) returned {got[False]:.4g}; the check measures {ref[False]:.4g} ms "
               "per forward.",
               hint="divide the total by repeats: the mean time of ONE forward is asked for." if ratio < 0.5 else
                    "elapsed_time already gives milliseconds: do not divide by 1000." if 300 < ratio < 3000 else
                    "time the GPU with CUDA events recorded around the loop; a clock on the CPU side, without "
                    "synchronizing, sees only the launches.")
        speedup = got[False] / got[True]
        expect(speedup >= 1.5,
               f"float16 autocast was {speedup:.2f}x as fast as float32 ({got[False]:.3g} vs {got[True]:.3g} ms); "
               f"the check measures {ref[False] / ref[True]:.2f}x and expects 1.5x or more.",
               hint="time the same work both ways: the same model, x, repeats and warm-up.")
    finally:
        torch.backends.cuda.matmul.allow_tf32 = old_tf32
