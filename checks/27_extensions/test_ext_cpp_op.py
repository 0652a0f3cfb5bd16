"""The first build of the reference compiles for about 10 s of CPU time (ATen's Tensor header and
torch/library.h only; torch/extension.h would take ~30 s), 40-80 s of wall time on a busy 2-core
machine; a re-check loads the cached build in well under a second. The build folder is kept between
runs and keyed by a hash of the source (support_27_extensions.cached_builds), so only a changed
source compiles again. The pristine file fails before anything compiles (build() is still `...`).
Each C++ mistake file costs a compile in a fresh cache (CI), so only two ship; the out = empty_like(x)
mistake (named below) was checked by hand instead: it fails on the transpose with its cause.
"""
import pytest
import torch

from dlings.testing import expect, expect_close, expect_dtype, expect_shape, fail
from support_27_extensions import cached_builds, expect_written


@pytest.fixture(scope="module", autouse=True)
def _builds():
    with cached_builds():
        yield


@pytest.fixture(scope="module")
def op(exercise):
    expect_written(exercise.build, "build()")
    exercise.build()
    namespace = getattr(torch.ops, "dlings_ext")
    try:
        return namespace.leaky_relu
    except (AttributeError, RuntimeError):
        fail("after build(), torch.ops.dlings_ext.leaky_relu does not exist.",
             hint="build() must compile CPP with load_inline, and CPP's TORCH_LIBRARY(dlings_ext, m) block "
                  "must stay as given.")


def _reference(x, slope):
    return torch.where(x > 0, x, x * slope)


def _inputs():
    g = torch.Generator().manual_seed(0)
    base = torch.randn(6, 10, generator=g)
    return [
        ("x of shape (6, 10)", base.clone()),
        ("x of shape (1, 1)", torch.randn(1, 1, generator=g)),
        ("x of shape (2, 3, 4)", torch.randn(2, 3, 4, generator=g)),
        ("x = base[:, ::2] (a strided view)", base[:, ::2]),
        ("x = base.t() (a transpose)", base.t()),
        ("x = base[2:5, 3:] (a slice)", base[2:5, 3:]),
        ("x with values 0, -0.0 and +-1e-30", torch.tensor([0.0, -0.0, 1e-30, -1e-30, 2.0, -3.0])),
    ]


def test_values(op):
    for slope in (0.1, 0.0, -0.5):
        for label, x in _inputs():
            before = x.clone()
            out = op(x, slope)
            expect_shape(out, x.shape, f"leaky_relu({label}, {slope})")
            expect_dtype(out, torch.float32, f"leaky_relu({label}, {slope})")
            expect(torch.equal(x, before), f"leaky_relu({label}, {slope}) changed x itself.",
                   hint="write the result into a new tensor (at::empty_like) and leave x as it was.")
            mistakes = {}
            if not x.is_contiguous():
                # a loop over x.data_ptr<float>() without .contiguous() reads the storage in memory order
                flat = x.as_strided((x.numel(),), (1,), x.storage_offset())
                mistakes["your loop reads x's memory as if its elements were one after another; a view's are "
                         "not: walk x.contiguous() instead."] = _reference(flat, slope).reshape(x.shape)
                like_x = torch.empty_like(x)
                if not like_x.is_contiguous():
                    # out = at::empty_like(x) keeps a transpose's strides; filled in the contiguous copy's order
                    mistakes["out was made like x (at::empty_like(x) keeps a transpose's memory order) but filled "
                             "in the order of the contiguous copy: make it like the copy, at::empty_like(xc)."] = \
                        _reference(x, slope).flatten().as_strided(x.shape, like_x.stride())
            expect_close(out, _reference(x, slope), what=f"leaky_relu({label}, slope={slope})", mistakes=mistakes)
            expect(out.data_ptr() != x.data_ptr() or x.numel() == 0,
                   f"leaky_relu({label}, {slope}) returned x itself (the same memory).",
                   hint="return a new tensor.")
