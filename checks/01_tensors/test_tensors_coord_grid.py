import torch

from dlings.testing import expect_close, expect_device, expect_shape
from support_01_tensors import expect_dtype_is


def _reference(h, w, dtype=torch.float32):
    ys = torch.linspace(-1, 1, h, dtype=torch.float64)
    xs = torch.linspace(-1, 1, w, dtype=torch.float64)
    gy, gx = torch.meshgrid(ys, xs, indexing="ij")
    return torch.stack([gy, gx], dim=-1).to(dtype)


def test_values(exercise):
    for b, c, h, w in [(2, 3, 4, 5), (1, 1, 3, 3), (3, 2, 6, 2)]:
        images = torch.randn(b, c, h, w)
        what = f"coord_grid(images) for images of shape {(b, c, h, w)}"
        got = exercise.coord_grid(images)
        expect_shape(got, (h, w, 2), what, hint=(
            "meshgrid's default (indexing='xy') swaps the first two dimensions: pass indexing='ij'."
            if tuple(getattr(got, "shape", ())) == (w, h, 2) else None))
        want = _reference(h, w)
        expect_close(got, want, what, atol=1e-6, mistakes={
            "the pair is (x, y); the exercise asks for (y, x): y (the row) first.": want.flip(-1),
            "the coordinates run from 0 to 1; they should run from -1 to 1.": (want + 1) / 2,
            "the last row/column must be exactly 1 (both ends included): linspace, not arange with a step.":
                lambda: torch.stack(torch.meshgrid(torch.arange(h) / h * 2 - 1, torch.arange(w) / w * 2 - 1,
                                                   indexing="ij"), dim=-1),
        })


def test_dtype_and_device(exercise):
    images = torch.randn(2, 3, 4, 5, dtype=torch.float64)
    what = "coord_grid(images) for float64 images"
    got = exercise.coord_grid(images)
    expect_dtype_is(got, torch.float64, what, {
        torch.float32: "linspace makes float32 unless told otherwise: pass dtype=images.dtype.",
    })
    expect_close(got, _reference(4, 5, torch.float64), what, atol=1e-6)
    meta = torch.empty(2, 3, 4, 5, device="meta")  # a device with shapes but no data: stands in for a GPU
    what = "coord_grid(images) for images on the 'meta' device"
    got = exercise.coord_grid(meta)
    expect_device(got, "meta", what, hint="linspace makes CPU tensors unless told otherwise: pass "
                                          "device=images.device.")
    expect_shape(got, (4, 5, 2), what)
