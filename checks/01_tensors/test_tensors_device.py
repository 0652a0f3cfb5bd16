import torch

from dlings.testing import expect, expect_close, expect_device, fail
from support_01_tensors import expect_dtype_is


def _batch(seed):
    g = torch.Generator().manual_seed(seed)
    return {"x": torch.randn(4, 3, generator=g), "y": torch.randint(0, 5, (4,), generator=g),
            "mask": torch.rand(4, generator=g) > 0.3, "weights": torch.rand(4, generator=g).double()}


def _move(exercise, batch, param, where):
    what = f"move_batch(batch, param) with param on {where}"
    try:
        got = exercise.move_batch(dict(batch), param)
    except (RuntimeError, AssertionError) as e:
        if "cuda" in str(e).lower() or "nvidia" in str(e).lower():
            fail(f"{what} raised: {str(e).strip().splitlines()[0]}",
                 hint='"cuda" is hard-coded, and this machine has no GPU: use param.device, the device the model '
                      "is really on.")
        raise
    expect(isinstance(got, dict), f"{what} should return a dict, but it returned {type(got).__name__}.",
           hint="build a new dict: {key: value.to(...) for key, value in batch.items()}")
    expect(sorted(got) == sorted(batch), f"{what} returned the keys {sorted(got)}; expected {sorted(batch)}.")
    return got, what


def test_dtypes_kept(exercise):
    # a float64 parameter on the CPU: nothing needs to move, and no dtype may change
    param = torch.nn.Parameter(torch.zeros(3, 2, dtype=torch.float64))
    batch = _batch(0)
    got, what = _move(exercise, batch, param, "cpu (dtype float64)")
    for key, value in batch.items():
        expect_dtype_is(got[key], value.dtype, f'batch["{key}"] after {what}', hint=(
            "t.to(param) copies param's dtype as well as its device: move with t.to(param.device)."))
        expect_close(got[key], value, f'batch["{key}"] after {what}')


def test_moves_to_param_device(exercise):
    # "meta" is a device with shapes but no data: here it stands in for a GPU
    param = torch.nn.Parameter(torch.empty(3, 2, device="meta"))
    batch = _batch(1)
    got, what = _move(exercise, batch, param, "the 'meta' device")
    for key, value in batch.items():
        expect_device(got[key], "meta", f'batch["{key}"] after {what}',
                      hint="every tensor must go where param is: value.to(param.device).")
        expect_dtype_is(got[key], value.dtype, f'batch["{key}"] after {what}', hint=(
            "t.to(param) copies param's dtype as well as its device: move with t.to(param.device)."))
