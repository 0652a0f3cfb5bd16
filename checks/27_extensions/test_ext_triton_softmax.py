"""Not yet verified on a GPU (written on a machine without one; see the README's table of GPU checks).

Verified instead on the CPU through Triton's interpreter, which this check allows when told to:
`DLINGS_ASSUME_NEEDS=cuda TRITON_INTERPRET=1 dlings dev check --only ext_triton_softmax` (about 1 s a
launch there; on a GPU the whole check takes a few seconds, most of it compiling the kernel once per
BLOCK size). Row lengths off a power of two show masked lanes that count (other=0 instead of -inf);
rows of -1e4 make that error large; values of +-100 overflow exp without the max; a column slice of a
wider tensor shows a row offset of n_cols instead of the row stride.
"""
import os

import pytest
import torch

from dlings.testing import expect, expect_close, expect_dtype, expect_shape, fail
from support_27_extensions import expect_written

INTERPRET = os.environ.get("TRITON_INTERPRET") == "1"


@pytest.fixture(scope="module")
def device(needs):
    return "cuda" if torch.cuda.is_available() or not INTERPRET else "cpu"


@pytest.fixture(scope="module")
def softmax(exercise):
    expect_written(exercise.softmax_kernel, "softmax_kernel")
    return exercise.softmax


def _cases(device):
    g = torch.Generator().manual_seed(0)
    wide = torch.randn(5, 64, generator=g)
    cases = [
        ("x of shape (3, 5)", torch.randn(3, 5, generator=g)),
        ("x of shape (1, 1)", torch.randn(1, 1, generator=g)),
        ("x of shape (4, 128)", torch.randn(4, 128, generator=g)),
        ("x of shape (6, 1000), values around +-100", torch.randn(6, 1000, generator=g) * 35),
        ("x of shape (2, 37), every value -1e4 or below", -1e4 - torch.rand(2, 37, generator=g)),
        ("x = wide[:, :33], a column slice (row stride 64)", wide[:, :33]),
    ]
    return [(label, x.to(device)) for label, x in cases]


def _call(softmax, x, label):
    try:
        out = softmax(x)
    except Exception as exc:  # Triton raises its own compile errors
        fail(f"softmax({label}) raised {type(exc).__name__}: {str(exc).strip().splitlines()[-1][:300]}",
             hint="tl.arange needs a power-of-two length (BLOCK), and every load and store past n_cols needs the mask.")
    if x.is_cuda:
        torch.cuda.synchronize()
    return out


def test_rows(softmax, device):
    for label, x in _cases(device):
        before = x.clone()
        out = _call(softmax, x, label)
        expect_shape(out, x.shape, f"softmax({label})")
        expect_dtype(out, torch.float32, f"softmax({label})")
        expect(torch.equal(x, before), f"softmax({label}) changed x.", hint="store into out, never into x.")
        ref = torch.softmax(x.double(), dim=1).float()
        mistakes = {}
        pad = 1 << max(x.shape[1] - 1, 0).bit_length()
        if pad > x.shape[1]:
            zeros = torch.cat([x.double(), x.new_zeros(x.shape[0], pad - x.shape[1], dtype=torch.float64)], dim=1)
            mistakes["masked lanes were loaded as 0: they raise the max and add exp(0 - max) each to the sum; "
                     "load them as -inf (exp(-inf) = 0)."] = torch.softmax(zeros, dim=1)[:, :x.shape[1]].float()
        if x.stride(0) != x.shape[1]:
            flat = x.as_strided((x.shape[0], x.shape[1]), (x.shape[1], 1), x.storage_offset())
            mistakes["row r starts x_row_stride elements after row 0, not n_cols: the input is a slice of a wider "
                      "tensor."] = torch.softmax(flat.double(), dim=1).float()
        expect(bool(torch.isfinite(out).all()) or not bool(torch.isfinite(ref).all()),
               f"softmax({label}) holds inf or nan where every expected value is finite.",
               hint="exp of a large value overflows float32 (exp(89) = inf): subtract the row's max first.")
        expect_close(out, ref, what=f"softmax({label})", atol=1e-6, rtol=1e-4, mistakes=mistakes)
