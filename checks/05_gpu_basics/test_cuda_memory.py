"""Not yet verified on a GPU (written without one; see the README's table of GPU checks).

The check empties the allocator's cache first, so a 256 MB tensor needs a new block from the GPU:
reserved grows by at least its size, allocated too; after `del`, allocated falls back to where it
was while reserved stays; after empty_cache, reserved falls by at least the tensor's size.
"""
import gc
import numbers

import torch

from dlings.testing import expect, fail

N = 64 * 2**20  # float32: 256 MiB
SIZE = N * 4
STEPS = ["after making the tensor", "after deleting it", "after empty_cache()"]


def test_memory_story(exercise, needs):
    gc.collect()
    torch.cuda.synchronize()
    torch.cuda.empty_cache()
    base_alloc, base_res = torch.cuda.memory_allocated(), torch.cuda.memory_reserved()
    what = f"memory_story({N}) (a 256 MiB tensor)"
    got = exercise.memory_story(N)
    gc.collect()
    torch.cuda.empty_cache()
    if got is None:
        fail(f"{what} returned None.", hint="finish the TODO and `return` the three (allocated, reserved) pairs.")
    got = list(got) if isinstance(got, (list, tuple)) else got
    expect(isinstance(got, list) and len(got) == 3
           and all(isinstance(p, (tuple, list)) and len(p) == 2 for p in got),
           f"{what} should return three (allocated, reserved) pairs, but it returned {str(got)[:120]}.")
    for step, pair in zip(STEPS, got):
        for v in pair:
            expect(isinstance(v, numbers.Integral) and not isinstance(v, bool),
                   f"{what}: the pair {step} holds {v!r}; byte counts (ints) are expected.")
    (a0, r0), (a1, r1), (a2, r2) = got
    mib = lambda v: f"{v / 2**20:.1f} MiB"  # noqa: E731
    expect(a0 - base_alloc >= SIZE,
           f"{what}: {STEPS[0]}, allocated grew by {mib(a0 - base_alloc)}; the tensor alone is 256 MiB.",
           hint="measure while the tensor is alive, on the GPU (device=\"cuda\"), with torch.cuda.memory_allocated().")
    if a1 - base_alloc >= SIZE // 2:
        if r1 - base_res < SIZE // 2:
            hint = ("the numbers are the wrong way round: each pair is (memory_allocated(), memory_reserved()); "
                    "it is reserved memory that stays after del.")
        elif a1 == a0 and a2 == a0:
            hint = ("max_memory_allocated() remembers the peak and never falls: use memory_allocated(), the bytes "
                    "live tensors hold now.")
        else:
            hint = "the tensor is still alive: `del x` drops the name, and with it the last reference to the tensor."
        fail(f"{what}: {STEPS[1]}, allocated is still {mib(a1 - base_alloc)} above where it started.", hint=hint)
    for step, (a, r) in zip(STEPS, got):
        expect(a <= r, f"{what}: {step}, allocated ({mib(a)}) is more than reserved ({mib(r)}).",
               hint="each pair is (memory_allocated(), memory_reserved()), in that order; live tensors are part of "
                    "the reserved memory, so allocated can never be larger.")
    expect(r0 - base_res >= SIZE, f"{what}: {STEPS[0]}, reserved grew by {mib(r0 - base_res)}; expected 256 MiB or more.",
           hint="torch.cuda.memory_reserved() is the second number of each pair.")
    expect(r1 - base_res >= SIZE,
           f"{what}: {STEPS[1]}, reserved is only {mib(r1 - base_res)} above where it started; the cache should "
           "still hold the 256 MiB block.",
           hint="empty the cache only after the second measurement: del frees the tensor, the allocator keeps its "
                "block.")
    expect(r1 - r2 >= SIZE,
           f"{what}: {STEPS[2]}, reserved fell by {mib(r1 - r2)}; the 256 MiB block should go back to the GPU.",
           hint="torch.cuda.empty_cache() returns the cached, unused blocks; call it before the last measurement.")
    expect(a2 - base_alloc < SIZE // 2, f"{what}: {STEPS[2]}, allocated is {mib(a2 - base_alloc)} above the start.")
