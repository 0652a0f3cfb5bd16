import torch

from dlings.testing import expect_close, expect_device, fail
from support_01_tensors import expect_dtype_is


def _call(exercise, x, std, what):
    try:
        return exercise.add_noise(x, std)
    except RuntimeError as e:
        if "device" in str(e):
            fail(f"{what} raised: {e}",
                 hint="the noise was made on the CPU while x lives on another device: randn_like(x) makes it "
                      "where x is.")
        raise


def test_values_and_dtype(exercise):
    for i, (shape, dtype, std) in enumerate([((4, 5), torch.float32, 0.5), ((3, 8), torch.float64, 2.0),
                                             ((6, 4), torch.float16, 0.1), ((20,), torch.float64, 1.0)]):
        torch.manual_seed(i)
        x = torch.randn(shape).to(dtype)
        what = f"add_noise(x, {std}) for x of shape {shape}, dtype {dtype}"
        torch.manual_seed(100 + i)
        got = _call(exercise, x.clone(), std, what)
        torch.manual_seed(100 + i)
        want = x + std * torch.randn_like(x)
        expect_dtype_is(got, dtype, what, {
            torch.float32: "torch.randn(x.shape) is float32, and float16 + float32 gives float32: "
                           "randn_like(x) draws in x's dtype.",
        }, hint="the noise must be drawn in x's dtype: randn_like(x) does that.")
        torch.manual_seed(100 + i)
        expect_close(got, want, what, atol=1e-2 if dtype == torch.float16 else None, mistakes={
            "that is the noise alone: add it to x.": lambda: want - x,
            "the noise is not scaled: multiply it by std.": lambda: x + (want - x) / std,
        }, hint="draw the noise once, in x's dtype (randn_like(x)); torch.randn(x.shape) draws float32 numbers, "
                "which are not the same as float64 ones.")


def test_keeps_device(exercise):
    x = torch.zeros(3, 4, device="meta")  # a device with shapes but no data: stands in for a GPU here
    what = "add_noise(x, 1.0) for x on the 'meta' device"
    got = _call(exercise, x, 1.0, what)
    expect_device(got, "meta", what, hint="the noise was made on the CPU: randn_like(x) makes it on x's device.")


def test_leaves_x_alone(exercise):
    torch.manual_seed(7)
    x = torch.randn(4, 6)
    before = x.clone()
    torch.manual_seed(8)
    got = _call(exercise, x, 0.5, "add_noise(x, 0.5)")
    if not torch.equal(x, before):
        fail("add_noise(x, 0.5) changed x itself: its values are no longer the ones passed in.",
             hint="x.add_(...) (or x += ...) adds in place and overwrites the caller's data (an augmentation "
                  "would corrupt the data set); return x + noise, a new tensor.")
