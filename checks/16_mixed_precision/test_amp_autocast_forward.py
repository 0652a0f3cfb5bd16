"""The CPU part runs everywhere; the CUDA part (float16) only where a GPU is usable, and is not yet
verified on a GPU (see the README's table of GPU checks)."""
import pytest
import torch

from dlings.testing import expect, expect_close, expect_dtype, expect_equal, expect_tensor, expect_untouched, snapshot
from support_16_mixed_precision import call, devices, linear_dtypes, low_dtype, mlp

NAMES = {torch.bfloat16: "bfloat16", torch.float16: "float16", torch.float32: "float32"}


def test_amp_dtype(exercise):
    for device_type, want in [("cpu", torch.bfloat16), ("cuda", torch.float16)]:
        expect_equal(exercise.amp_dtype(device_type), want, f"amp_dtype({device_type!r})", mistakes={
            "the two are swapped: CPUs use bfloat16 (float32's range, fewer digits), CUDA GPUs float16 (their "
            "tensor cores' classic type).": torch.float16 if device_type == "cpu" else torch.bfloat16,
            "return the dtype object itself (torch.bfloat16), not its name.": NAMES[want],
        })


@pytest.mark.parametrize("device", devices())
def test_autocast_forward(exercise, device):
    want_dtype = low_dtype(device)
    for seed, (batch, n_in, hidden, n_out) in enumerate([(5, 8, 16, 3), (1, 4, 32, 1), (7, 1, 8, 5)]):
        model = mlp(seed, n_in, hidden, n_out, device=device)
        x = torch.randn(batch, n_in, device=device)
        with torch.no_grad(), torch.autocast(device, dtype=want_dtype):
            want = model(x)
        before, x_before = snapshot(model), x.clone()
        what = f"autocast_forward(model, x) for x of shape {(batch, n_in)} on {device}"
        with linear_dtypes(model) as seen:
            got = expect_tensor(call(exercise.autocast_forward, model, x, what=what), what)
        expect_untouched(model, before, f"the model after {what}",
                         hint="autocast leaves the weights in float32 and casts copies for each op; "
                              "model.to(torch.bfloat16) (or .half()) converts the model itself, which is not "
                              "mixed precision.")
        expect_untouched(x, snapshot(x_before), f"x after {what}")
        expect(len(seen) == 2, f"{what}: the model's two nn.Linear layers were called {len(seen)} time(s); "
               "expected once each.", hint="return model(x), called once.")
        cause = {torch.float32: "autocast was not active on this device: the device_type must be x.device.type "
                                f"({device!r} here); a block for another device type changes nothing here.",
                 torch.float16 if device == "cpu" else torch.bfloat16:
                     "that is the other device's type: amp_dtype(x.device.type) picks it."}.get(got.dtype)
        expect_dtype(got, want_dtype, what, hint=cause)
        expect(all(d == want_dtype for d in seen),
               f"{what}: inside the model the layers gave {[NAMES.get(d, d) for d in seen]}; autocast should "
               f"run every layer in {NAMES[want_dtype]}.", hint="call the model inside the autocast block.")
        expect_close(got.float(), want.float(), what, rtol=1e-2, atol=1e-2)
        expect(got.requires_grad, f"{what}: the output does not require grad, so no backward() can follow it; "
               "expected an output attached to the model's float32 weights.",
               hint="no torch.no_grad() (or inference_mode, or .detach()): autocast_forward is the forward of "
                    "a training step.")
