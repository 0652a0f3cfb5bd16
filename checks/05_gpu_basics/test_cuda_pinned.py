"""Not yet verified on a GPU (written without one; see the README's table of GPU checks).

upload() is judged by the time it keeps the CPU: a 256 MiB copy takes 5-25 ms over PCIe (1 ms over
NVLink-C2C), while queuing it takes tens of microseconds. The GPU's own clock (CUDA events around
the call) measures the copy; the CPU's clock measures how long upload() held Python. A blocking
copy holds Python for the whole copy; a non-blocking one from pinned memory returns after < 1/4 of it.
"""
import time

import pytest
import torch

from dlings.testing import expect, expect_close, expect_tensor, fail

N = 64 * 2**20  # float32: 256 MiB


@pytest.fixture(scope="module")
def big(needs):
    return torch.randn(N, generator=torch.Generator().manual_seed(0))


def test_pinned(exercise, needs):
    g = torch.Generator().manual_seed(1)
    for shape in [(5, 3), (1,), (2, 3, 4)]:
        x = torch.randn(shape, generator=g)
        keep = x.clone()
        what = f"pinned(x) for a float32 x of shape {shape}"
        got = expect_tensor(exercise.pinned(x), what)
        expect(got.device.type == "cpu", f"{what} is on {got.device}; pinned memory is CPU memory.",
               hint="x.pin_memory() keeps the tensor on the CPU, in page-locked memory.")
        expect(got.is_pinned(), f"{what} is not pinned (is_pinned() is False).",
               hint="x.pin_memory() returns a page-locked copy of x.")
        expect_close(got, keep, what)
        expect_close(x, keep, f"x after {what}")


def test_upload_does_not_wait(exercise, big):
    x = big.pin_memory()
    what = "upload(x) for a pinned 256 MiB float32 x"
    y = expect_tensor(exercise.upload(x), what)  # warm-up: the GPU memory for y is now cached
    torch.cuda.synchronize()
    expect(y.device.type == "cuda", f"{what} is on {y.device}; it should be on the GPU.",
           hint='x.to("cuda", non_blocking=True)')
    expect(y.dtype == x.dtype and tuple(y.shape) == tuple(x.shape),
           f"{what} has dtype {y.dtype} and shape {tuple(y.shape)}; expected x's ({x.dtype}, {tuple(x.shape)}).")
    expect(bool(torch.equal(y[:: 2**16].cpu(), x[:: 2**16])) and bool(torch.equal(y[-5:].cpu(), x[-5:])),
           f"{what} does not hold x's values once the copy is done.")
    del y
    tries = []
    for _ in range(3):
        start, end = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
        torch.cuda.synchronize()
        start.record()
        t0 = time.perf_counter()
        y = exercise.upload(x)
        held = (time.perf_counter() - t0) * 1e3
        end.record()
        end.synchronize()
        copy = start.elapsed_time(end)
        tries.append((held, copy))
        expect(bool(torch.equal(y[-5:].cpu(), x[-5:])), f"{what} does not hold x's values once the copy is done.")
        del y
        if held < copy / 4:
            return
    shown = "; ".join(f"upload held the CPU {h:.2f} ms, the copy took {c:.2f} ms" for h, c in tries)
    fail(f"{what} waited for the copy: {shown}.", hint='pass non_blocking=True (x.to("cuda", non_blocking=True)), '
         "and do not synchronize inside upload: the caller waits only when it needs the data.")
