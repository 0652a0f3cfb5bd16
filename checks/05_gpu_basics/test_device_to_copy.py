import pytest
import torch

from dlings.testing import expect, expect_close, expect_device, expect_dtype, expect_tensor
from support_05_gpu_basics import call, devices

SHARED = ("x.to(device) returns x itself when x is already on that device (and has that dtype): no copy is made. "
          "Ask for one: x.to(device, copy=True), or x.clone().")


def inputs():
    g = torch.Generator().manual_seed(0)
    yield "a float32 (3, 4) tensor", torch.randn(3, 4, generator=g)
    yield "an int64 (5,) tensor", torch.randint(-9, 9, (5,), generator=g)
    yield "a transposed (non-contiguous) float64 (4, 2) tensor", torch.randn(2, 4, generator=g, dtype=torch.float64).t()
    yield "a (1, 1) bool tensor", torch.tensor([[True]])


def _scribble(t: torch.Tensor) -> None:
    # write into every element of the copy, as the caller is allowed to
    if t.dtype == torch.bool:
        t.logical_not_()
    else:
        t.add_(7)


@pytest.mark.parametrize("device", devices())
def test_copy_on_the_same_device(exercise, device):
    for label, x in inputs():
        x = x.to(device)
        keep = x.clone()
        for spelled in (device, torch.device(device)):
            what = f"private_copy(x, {spelled!r}) for {label} already on {device}"
            got = expect_tensor(call(exercise.private_copy, x, spelled, what=what), what)
            expect_device(got, device, what)
            expect_dtype(got, x.dtype, what, hint="the copy keeps x's dtype: pass only the device (and copy=True).")
            expect_close(got, keep, what)
            expect(got is not x, f"{what} returned x itself, not a copy.", hint=SHARED)
            _scribble(got)
            expect_close(x, keep, f"x after writing into the result of {what}",
                         hint=f"the result shares x's memory. {SHARED}")


@pytest.mark.parametrize("device", devices()[1:] + ["meta"])
def test_copy_to_another_device(exercise, device):
    # "meta" holds shapes and dtypes but no data: it stands in for a GPU on machines without one
    for label, x in inputs():
        what = f"private_copy(x, {device!r}) for {label} on the cpu"
        got = expect_tensor(call(exercise.private_copy, x, device, what=what), what)
        expect_device(got, device, what)
        expect_dtype(got, x.dtype, what, hint="the copy keeps x's dtype: pass only the device (and copy=True).")
        expect(tuple(got.shape) == tuple(x.shape), f"{what} has shape {tuple(got.shape)}; expected {tuple(x.shape)}.")
        if device != "meta":
            expect_close(got.cpu(), x, what)
