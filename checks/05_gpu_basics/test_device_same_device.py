import pytest
import torch

from dlings.testing import expect_close, expect_device, expect_dtype, expect_shape, expect_tensor
from support_05_gpu_basics import call, devices

MEAN = torch.tensor([0.485, 0.456, 0.406], dtype=torch.float64)
STD = torch.tensor([0.229, 0.224, 0.225], dtype=torch.float64)
DTYPE_HINT = ("mean and std were made in float32, and float32 mixed with a {dtype} tensor gives float32: make them "
              "with dtype=images.dtype too (or move them with .to(images), which copies device AND dtype).")
# bfloat16 keeps about 3 significant digits: its own rounding of mean and std moves results by up to ~0.01
TOL = {torch.bfloat16: dict(rtol=2e-2, atol=3e-2), torch.float16: dict(rtol=2e-3, atol=3e-3)}


def _reference(images):
    x = images.double().cpu()
    return ((x - MEAN[:, None, None]) / STD[:, None, None]).to(images.dtype)


def _normalize(exercise, images, what):
    return expect_tensor(call(exercise.normalize, images, what=what), what)


CASES = [((2, 3, 5, 4), torch.float32), ((3, 4, 4), torch.float64), ((1, 3, 2, 2), torch.bfloat16),
         ((2, 2, 3, 1, 3), torch.float16)]


@pytest.mark.parametrize("device", devices())
def test_values_device_dtype(exercise, device):
    g = torch.Generator().manual_seed(0)
    for shape, dtype in CASES:
        images = torch.rand(shape, generator=g).to(device=device, dtype=dtype)
        what = f"normalize(images) for images of shape {shape}, dtype {dtype}, on {device}"
        got = _normalize(exercise, images, what)
        expect_device(got, device, what)
        expect_dtype(got, dtype, what, hint=DTYPE_HINT.format(dtype=dtype))
        expect_close(got.cpu(), _reference(images), what, **TOL.get(dtype, {}))


def test_on_another_device(exercise):
    # "meta" holds shapes and dtypes but no data: it stands in for a GPU on machines without one
    for shape, dtype in CASES:
        images = torch.empty(shape, dtype=dtype, device="meta")
        what = f"normalize(images) for images of shape {shape}, dtype {dtype}, on the 'meta' device"
        got = _normalize(exercise, images, what)
        expect_device(got, "meta", what, hint="make mean and std on images.device; never move the images away.")
        expect_dtype(got, dtype, what, hint=DTYPE_HINT.format(dtype=dtype))
        expect_shape(got, shape, what)
