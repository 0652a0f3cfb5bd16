"""Not yet verified on a GPU (written on a machine without one; see the README's table of GPU checks).

`out` is the front of a larger buffer filled with NaN: a kernel that writes past n (no bounds test)
changes the NaN after it, one that misses elements (too few blocks, an index of threadIdx.x alone)
leaves NaN inside. Sizes around the block size of 256 (1, 255, 256, 257, ...) and one large size.
The first build runs nvcc and g++ (about a minute); later checks load the cached build
(support_27_extensions.cached_builds). The pristine file fails before anything compiles.
"""
import pytest
import torch

from dlings.testing import expect, expect_close, fail
from support_27_extensions import cached_builds, expect_written

PAD = 300  # NaN after out: more than one block of 256 threads
SHAPES = [(1,), (255,), (256,), (257,), (1000,), (37, 41), (3, 1, 700), (100_003,)]


@pytest.fixture(scope="module", autouse=True)
def _builds():
    with cached_builds():
        yield


@pytest.fixture(scope="module")
def op(exercise, needs):
    expect_written(exercise.build, "build()")
    exercise.build()
    try:
        return torch.ops.dlings_cuda.leaky_relu_out
    except (AttributeError, RuntimeError):
        fail("after build(), torch.ops.dlings_cuda.leaky_relu_out does not exist.",
             hint="build() compiles CPP (the registration) and CUDA (the kernel) together: pass both to load_inline.")


def _run(op, x, out, slope, what):
    try:
        op(x, out, slope)
        torch.cuda.synchronize()
    except RuntimeError as exc:
        text = str(exc).strip().splitlines()[0][:240]
        hint = None
        if "configuration" in text:
            hint = "the launch asked for an impossible grid: at least one block, ceil(n / threads) of them."
        elif "illegal memory access" in text:
            hint = "a thread read or wrote outside x or out: test its index against n before touching memory."
        fail(f"{what} raised RuntimeError: {text}", hint=hint)


def test_every_element_once(op):
    g = torch.Generator(device="cuda").manual_seed(0)
    for shape in SHAPES:
        n = 1
        for s in shape:
            n *= s
        for slope in (0.1, -0.5):
            x = torch.randn(shape, device="cuda", generator=g)
            buffer = torch.full((n + PAD,), float("nan"), device="cuda")
            out = buffer[:n].view(shape)
            what = f"leaky_relu_out(x, out, {slope}) for x of shape {shape} ({n} elements)"
            _run(op, x, out, slope, what)
            missed = int(torch.isnan(out).sum())
            expect(missed == 0, f"{what} left {missed} of {n} elements of out unwritten (first at flat index "
                                f"{int(torch.isnan(out.flatten()).nonzero()[0])}).",
                   hint="one thread per element: i = blockIdx.x * blockDim.x + threadIdx.x, and "
                        "blocks = (n + threads - 1) / threads, rounded up, so the last partial block runs too.")
            spill = int((~torch.isnan(buffer[n:])).sum())
            expect(spill == 0, f"{what} wrote {spill} values past the end of out (memory that is not out's).",
                   hint="the last block has threads past n: `if (i < n)` before touching memory.")
            expect_close(out, torch.where(x > 0, x, slope * x), what=what)


def test_empty_input(op):
    x = torch.empty(0, device="cuda")
    _run(op, x, torch.empty(0, device="cuda"), 0.1, "leaky_relu_out(x, out, 0.1) for an empty x")
