"""Not yet verified on a GPU (written without one; see the README's table of GPU checks).

Six Linear(2048, 2048) + ReLU on x (16384, 2048). Estimated from the sizes (each ReLU keeps its output, the
first Linear its float16 copy of x, autocast caches each weight's float16 copy): float32 about 6 x 128 + 128
= 900 MiB; float16 autocast about 64 + 6 x (64 + 8) + 64 = 560 MiB: a ratio near 0.63; the bar is 0.8. A
warm-up forward first (cuBLAS workspaces). Before each call the check leaves a 1 GiB peak behind (made and
freed) and keeps 256 MiB allocated, so forgetting reset_peak_memory_stats or the baseline shows. The learner's
numbers must agree with the check's own measurement within 10 %."""
import gc
import numbers

import torch
from torch import nn

from dlings.testing import expect, expect_untouched, fail, snapshot
from support_16_mixed_precision import call, linear_dtypes

MIB = 2**20


def _reference(model, x, amp):
    torch.cuda.synchronize()
    before = torch.cuda.memory_allocated()
    torch.cuda.reset_peak_memory_stats()
    with torch.autocast("cuda", dtype=torch.float16, enabled=amp):
        out = model(x)
    torch.cuda.synchronize()
    peak = torch.cuda.max_memory_allocated() - before
    del out
    return peak


def _stale_peak():
    big = torch.empty(2**28, device="cuda")  # 1 GiB: a peak from before the forward
    del big
    gc.collect()
    torch.cuda.synchronize()


def test_fp16_forward_uses_less_memory(exercise, needs):
    torch.manual_seed(0)
    model = nn.Sequential(*[m for _ in range(6) for m in (nn.Linear(2048, 2048), nn.ReLU())]).cuda()
    x = torch.randn(16384, 2048, device="cuda")
    for amp in (False, True):  # warm-up: cuBLAS allocates its workspaces on first use
        with torch.no_grad(), torch.autocast("cuda", dtype=torch.float16, enabled=amp):
            model(x)
    resident = torch.empty(2**26, device="cuda")  # 256 MiB held by someone else the whole time  # noqa: F841
    before = snapshot(model)
    got, ref = {}, {}
    for amp in (False, True):
        what = f"forward_peak_bytes(model, x, amp={amp})"
        _stale_peak()
        with linear_dtypes(model) as seen:
            v = call(exercise.forward_peak_bytes, model, x, amp, what=what)
        if v is None or v is Ellipsis:
            fail(f"{what} returned {v!r}.", hint="finish the TODO and `return` the bytes.")
        if isinstance(v, torch.Tensor) or isinstance(v, bool) or not isinstance(v, numbers.Real):
            fail(f"{what} returned a {type(v).__name__}; a number of bytes (an int) is expected.")
        want = torch.float16 if amp else torch.float32
        expect(seen and all(d == want for d in seen),
               f"{what}: the Linear layers gave {sorted(set(map(str, seen)))}; expected {want}.",
               hint="torch.autocast(\"cuda\", dtype=torch.float16, enabled=amp).")
        expect(len(seen) == 6, f"{what} ran {len(seen) // 6} forwards; expected exactly one.")
        gc.collect()
        _stale_peak()
        got[amp], ref[amp] = float(v), float(_reference(model, x, amp))
        lo, hi = 0.9 * ref[amp], 1.1 * ref[amp]
        if not lo <= got[amp] <= hi:
            if got[amp] <= 0:
                hint = "measure allocated memory (memory_allocated), not reserved memory (memory_reserved)."
            elif got[amp] < 0.3 * ref[amp]:
                hint = ("the forward ran without gradients (no_grad keeps no activations), or the peak was read "
                        "before the forward: a training forward keeps its activations for backward.")
            elif got[amp] > ref[amp] + 200 * MIB:
                hint = ("an earlier peak or memory allocated before the forward was counted: "
                        "torch.cuda.reset_peak_memory_stats() right before the forward, and subtract "
                        "torch.cuda.memory_allocated() measured just before it.")
            else:
                hint = "max_memory_allocated() after the forward minus memory_allocated() before it."
            fail(f"{what} returned {got[amp] / MIB:.0f} MiB; the check measures {ref[amp] / MIB:.0f} MiB for "
                 "that forward.", hint=hint)
    expect_untouched(model, before, "the model after forward_peak_bytes",
                     hint="autocast casts copies; model.half() converts the model itself.")
    ratio = got[True] / got[False]
    expect(ratio <= 0.8,
           f"the float16 forward took {ratio:.2f} of the float32 forward's memory "
           f"({got[True] / MIB:.0f} vs {got[False] / MIB:.0f} MiB); expected 0.8 or less.")
