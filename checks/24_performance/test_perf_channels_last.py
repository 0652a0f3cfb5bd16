"""Values: forward against slow_forward on default-layout and channels_last inputs of several shapes.
Layout: while forward runs on a channels_last x, a TorchDispatchMode records every tensor torch makes;
the only new tensor as large as x may be the result, and the result must be channels_last. The
forward's input must come out unchanged. Runs on the CPU, and on CUDA too when present.
"""
import pytest
import torch
from torch.utils._python_dispatch import TorchDispatchMode
from torch.utils._pytree import tree_flatten

from dlings.testing import expect, expect_close, fail
from support_24_performance import devices

CL = torch.channels_last


class BigTensors(TorchDispatchMode):
    def __init__(self, numel):
        super().__init__()
        self.numel = numel
        self.made = []

    def __torch_dispatch__(self, func, types, args=(), kwargs=None):
        kwargs = kwargs or {}
        inputs = {t.untyped_storage().data_ptr() for t in tree_flatten((args, kwargs))[0] if isinstance(t, torch.Tensor)}
        out = func(*args, **kwargs)
        for t in tree_flatten(out)[0]:
            if isinstance(t, torch.Tensor) and t.numel() >= self.numel and t.untyped_storage().data_ptr() not in inputs:
                self.made.append((func.overloadpacket.__name__, t))
        return out


def _block(exercise, c, device):
    torch.manual_seed(c)
    return exercise.SqueezeExcite(c).to(device)


@pytest.mark.parametrize("device", devices())
def test_values(exercise, device):
    g = torch.Generator().manual_seed(0)
    for shape in [(2, 8, 5, 6), (1, 3, 4, 4), (3, 5, 1, 7), (2, 4, 1, 1)]:
        block = _block(exercise, shape[1], device)
        for layout in ("default", "channels_last"):
            x = torch.randn(shape, generator=g).to(device)
            if layout == "channels_last":
                x = x.to(memory_format=CL)
            copy = x.clone()
            with torch.no_grad():
                expected = block.slow_forward(x.clone())
                got = block(x)
            what = f"SqueezeExcite({shape[1]})(x) for a {layout} x of shape {shape} on {device}"
            expect(torch.equal(x, copy), f"{what} changed x.",
                   hint="an in-place multiply (x.mul_, x *= ...) overwrites the caller's feature map: x * gate makes "
                        "the result, the one full-size tensor forward may create.")
            expect_close(got, expected, what=what, rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("device", devices())
def test_stays_channels_last(exercise, device):
    shape = (4, 16, 12, 12)
    block = _block(exercise, 16, device)
    x = torch.randn(shape, generator=torch.Generator().manual_seed(1)).to(device).to(memory_format=CL)
    copy = x.clone()
    what = f"SqueezeExcite(16)(x) for a channels_last x of shape {shape} on {device}"
    mode = BigTensors(x.numel())
    with torch.no_grad(), mode:
        got = block(x)
    expect(torch.equal(x, copy), f"{what} changed x.",
           hint="an in-place multiply (x.mul_, x *= ...) overwrites the caller's feature map: x * gate makes "
                "the result, the one full-size tensor forward may create.")
    expect(isinstance(got, torch.Tensor) and got.shape == shape,
           f"{what} returned {type(got).__name__} {tuple(getattr(got, 'shape', ()))}; a tensor of shape {shape} is "
           "expected.")
    if not got.is_contiguous(memory_format=CL):
        fail(f"{what} returned a tensor in the default layout (strides {got.stride()}); a channels_last one is "
             "expected.", hint="x.contiguous() (or .to(memory_format=torch.contiguous_format)) turns a channels_last "
                               "tensor back to the default layout, copying it; x * gate keeps x's own layout.")
    extra = [(name, t) for name, t in mode.made if t is not got]
    if extra:
        names = ", ".join(f"aten::{name}" for name, _ in extra)
        fail(f"{what} made {len(extra)} full-size tensor(s) besides its result ({names}).",
             hint="a needless copy the size of x: x.contiguous() copies a channels_last x, and a gate repeated or "
                  "expanded to x's shape and then materialised (.repeat, .expand(...).contiguous()) is full-size "
                  "too. Broadcasting multiplies x by an (N, C, 1, 1) gate as it is.")
