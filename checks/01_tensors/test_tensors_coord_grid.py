import torch

from dlings.testing import expect, expect_close, expect_device, expect_shape, expect_tensor
from support_01_tensors import expect_dtype_is




def _call(exercise, images, what):
    got = exercise.coord_axes(images)
    expect(isinstance(got, (tuple, list)) and len(got) == 2,
           f"{what} should return two tensors (ys, xs), but it returned {type(got).__name__}"
           f"{'' if got is None else ': ' + repr(got)[:80]}.",
           hint="the function still returns None: finish the TODO and `return ys, xs`." if got is None else
           "return the pair: `return ys, xs`.")
    ys, xs = got
    return expect_tensor(ys, f"ys from {what}"), expect_tensor(xs, f"xs from {what}")


def test_values(exercise):
    for b, c, h, w in [(2, 3, 4, 5), (1, 1, 3, 3), (3, 2, 6, 2), (1, 3, 2, 7)]:
        images = torch.randn(b, c, h, w)
        what = f"coord_axes(images) for images of shape {(b, c, h, w)}"
        ys, xs = _call(exercise, images, what)
        for name, got, n, other in [("ys", ys, h, w), ("xs", xs, w, h)]:
            swapped = (f"{name} has {other} values: images.shape is (B, C, H, W), so H = images.shape[2] counts the "
                       "rows (ys) and W = images.shape[3] the columns (xs).")
            expect_shape(got, (n,), f"{name} from {what}",
                         hint=swapped if tuple(getattr(got, "shape", ())) == (other,) else None)
            want = torch.linspace(-1, 1, n, dtype=torch.float64).float()
            expect_close(got, want, f"{name} from {what}", atol=1e-6, mistakes={
                "the values run from 0 to 1; they should run from -1 to 1.": (want + 1) / 2,
                "the last value must be exactly 1 (both ends included): linspace(-1, 1, steps), not arange with "
                "a step, which stops before its end.": torch.arange(n) * (2 / n) - 1,
            })


def test_dtype_and_device(exercise):
    images = torch.randn(2, 3, 4, 5, dtype=torch.float64)
    what = "coord_axes(images) for float64 images"
    ys, xs = _call(exercise, images, what)
    for name, got, n in [("ys", ys, 4), ("xs", xs, 5)]:
        expect_dtype_is(got, torch.float64, f"{name} from {what}", {
            torch.float32: "linspace makes float32 unless told otherwise: pass dtype=images.dtype.",
        })
        expect_close(got, torch.linspace(-1, 1, n, dtype=torch.float64), f"{name} from {what}", atol=1e-12)
    meta = torch.empty(2, 3, 4, 5, device="meta")  # a device with shapes but no data: stands in for a GPU
    what = "coord_axes(images) for images on the 'meta' device"
    ys, xs = _call(exercise, meta, what)
    for name, got, n in [("ys", ys, 4), ("xs", xs, 5)]:
        expect_device(got, "meta", f"{name} from {what}", hint="linspace makes CPU tensors unless told otherwise: "
                                                             "pass device=images.device.")
        expect_shape(got, (n,), f"{name} from {what}")
