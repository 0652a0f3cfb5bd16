import torch

from dlings.testing import expect_close, fail
from support_01_tensors import expect_dtype_is


def _images():
    g = torch.Generator().manual_seed(0)
    yield torch.tensor([0.0, 0.999, 0.5, 0.2, 1.0, 0.01])
    for shape in [(3, 4, 4), (2, 3, 5, 5)]:
        yield torch.rand(shape, generator=g) * 1.1 - 0.05   # a few values below 0 and above 1
    yield torch.rand(3, 5, 4, generator=g).transpose(1, 2)  # not contiguous


def test_to_uint8_image(exercise):
    for x in _images():
        what = (f"to_uint8_image(x) for x = {[round(v, 3) for v in x.tolist()]}" if x.dim() == 1
                else f"to_uint8_image(x) for x of shape {tuple(x.shape)}")
        got = exercise.to_uint8_image(x.clone())
        expect_dtype_is(got, torch.uint8, what, {
            torch.float32: "the values may be right, but the image must be cast: .to(torch.uint8) (or .byte()).",
            torch.int64: "0..255 pixels are torch.uint8 (.byte()), not int64.",
            torch.int32: "0..255 pixels are torch.uint8 (.byte()), not int32.",
        })
        s = x * 255
        expect_close(got, s.round().clamp(0, 255).to(torch.uint8), what, mistakes={
            "a cast drops the fraction (254.7 -> 254) and wraps values above 255: round, then clamp, "
            "then cast.": lambda: s.to(torch.uint8),
            "values above 255 (or below 0) wrapped around in the cast: clamp to [0, 255] BEFORE "
            ".to(torch.uint8).": lambda: s.round().to(torch.uint8),
            "clamping after the cast is too late: the cast has already wrapped the values around.":
                lambda: s.round().to(torch.uint8).clamp(0, 255),
            "the fraction was dropped instead of rounded (254.7 -> 254): call .round() before the cast.":
                lambda: s.clamp(0, 255).to(torch.uint8),
            "x.to(torch.uint8) before scaling turns almost every pixel into 0: scale by 255 first.":
                lambda: x.to(torch.uint8) * 255,
        })


def test_leaves_x_alone(exercise):
    x = torch.tensor([0.0, 0.999, 0.5, 1.02, -0.01])
    before = x.clone()
    exercise.to_uint8_image(x)
    if not torch.equal(x, before):
        fail("to_uint8_image(x) changed the caller's x (its float values are now scaled or rounded).",
             hint="x.mul_(255), .round_() and .clamp_() work in place and overwrite the caller's image; use the "
                  "versions without the underscore (x * 255, torch.round, torch.clamp), which return new tensors.")
