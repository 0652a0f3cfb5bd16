import contextlib

import torch
from torch import nn

from dlings.testing import expect, expect_equal, fail
from support_05_gpu_basics import address_space_cap, call


def _mlp():
    return nn.Sequential(nn.Linear(10, 20), nn.ReLU(), nn.Linear(20, 4))


def _half():
    return nn.Sequential(nn.Linear(3000, 4000, dtype=torch.float16), nn.Linear(4000, 8, bias=False, dtype=torch.float16))


def _huge():
    # 100,000 x 200,000 float32 weights: 80 GB
    return nn.Sequential(nn.Linear(100_000, 200_000), nn.Linear(200_000, 10))


def _weight_bytes(build):
    with torch.device("meta"):
        model = build()
    return sum(m.weight.numel() * m.weight.element_size() for m in model.modules() if isinstance(m, nn.Linear))


CASES = [
    # (label, build, input shape, bytes, output shape)
    ("nn.Linear(5, 3)", lambda: nn.Linear(5, 3), (2, 5), (15 + 3) * 4, (2, 3)),
    ("a 10 -> 20 -> 4 MLP", _mlp, (7, 10), (200 + 20 + 80 + 4) * 4, (7, 4)),
    ("a 10 -> 20 -> 4 MLP", _mlp, (2, 6, 10), (200 + 20 + 80 + 4) * 4, (2, 6, 4)),
    ("a float16 3000 -> 4000 -> 8 model", _half, (1, 3000), (12_000_000 + 4000 + 32_000) * 2, (1, 8)),
    ("an 80 GB model", _huge, (8, 100_000), (20_000_000_000 + 200_000 + 2_000_000 + 10) * 4, (8, 10)),
]


def test_describe(exercise):
    for case in CASES:
        _judge(exercise, *case)


def _judge(exercise, label, build, shape, n_bytes, out_shape):
    calls = []

    def counted_build():
        calls.append(1)
        return build()

    what = f"describe(build, {shape}) for {label}"
    before = torch.get_default_device()
    try:
        # a real 80 GB model must fail at once instead of filling the memory
        with address_space_cap(2) if "80 GB" in label else contextlib.nullcontext():
            got = call(exercise.describe, counted_build, shape, what=what)
    except (RuntimeError, MemoryError) as exc:
        text = str(exc)
        if "alloc" not in text and "memory" not in text.lower():
            raise
        fail(f"{what} ran out of memory: {text.splitlines()[0][:200]}",
             hint="the model was made for real, on the CPU (then moved?): create it inside "
                  "`with torch.device(\"meta\"):` so that its weights are never allocated.")
    finally:
        now = torch.get_default_device()
        if now != before:
            torch.set_default_device(before)
    expect(now == before, f"after {what}, torch's default device is {now}; it should be back to {before}.",
           hint="torch.set_default_device changes every later tensor of the program: use the "
                "`with torch.device(\"meta\"):` block, which puts it back on leaving.")
    if got is None:
        fail(f"{what} returned None.", hint="finish the TODO and `return` the pair (bytes, output shape).")
    expect(len(calls) == 1, f"{what} called build() {len(calls)} times; once is enough.")
    expect(isinstance(got, tuple) and len(got) == 2,
           f"{what} should return a pair (bytes, output shape), but it returned {got!r}.",
           )
    got_bytes, got_shape = got
    if isinstance(got_bytes, torch.Tensor) and got_bytes.numel() == 1 and got_bytes.device.type != "meta":
        got_bytes = got_bytes.item()
    n_params = n_bytes // (2 if "float16" in label else 4)
    expect_equal(got_bytes, n_bytes, f"the bytes {what} gives", mistakes={
        "that is the number of parameters, not their bytes: multiply each by its element_size().": n_params,
        "each element takes p.element_size() bytes (2 for float16, 4 for float32), not always 4.": n_params * 4,
        "only the weights counted: the biases are parameters too (model.parameters() lists them all).":
            _weight_bytes(build),
    })
    if isinstance(got_shape, torch.Size):
        got_shape = tuple(got_shape)
    expect_equal(got_shape, out_shape, f"the output shape {what} gives",
                 mistakes={"that is the input's shape: run the model on the meta input and take the output's .shape.":
                           tuple(shape)})
