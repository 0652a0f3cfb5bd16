"""Values: against a reference on seeded inputs of several shapes (a row with no True entry, N = 1,
D = 1, float64), with inf and nan hidden where the mask is False. No sync: the function must run on
meta tensors (shapes, no values: a value-dependent shape or a read-back fails there), and on CUDA,
when present, under torch.cuda.set_sync_debug_mode("error").
"""
import pytest
import torch

from dlings.testing import expect, expect_close, fail
from support_24_performance import cuda_usable

VALUE_DEPENDENT = ("an op whose result's shape depends on the values (x[mask], torch.nonzero, masked_select, "
                   "or .item() / .any() decided in Python) has to read values back: on a GPU that is a host sync. "
                   "Keep every shape fixed: torch.where(mask, x, 0) and sums over dim=1.")


def _reference(x, mask):
    return torch.where(mask, x, 0).sum(dim=1) / mask.sum(dim=1).clamp(min=1)


def _inputs(shape, seed, dtype=torch.float32, device="cpu"):
    g = torch.Generator().manual_seed(seed)
    x = torch.randn(shape, generator=g, dtype=dtype) * 3 + 1
    mask = torch.rand(shape, generator=g) < 0.5
    mask[0] = False  # a row with no True entry
    if shape[0] > 1:
        mask[1] = True
    x[~mask] = torch.tensor([float("inf"), float("nan"), -float("inf")], dtype=dtype).repeat(shape[1])[:int((~mask).sum())]
    return x.to(device), mask.to(device)


def _mistakes(x, mask):
    filled = torch.where(mask, x, 0)
    return {
        "a row with no True entry gave nan (0 / 0): divide by the count clamped to at least 1.":
            filled.sum(dim=1) / mask.sum(dim=1),
        "that divides every row by D, the row's length: divide by the number of True entries in the row.":
            filled.mean(dim=1),
        "x * mask turns an inf or nan under a False entry into nan (inf * 0 is nan): select with "
        "torch.where(mask, x, 0) instead.": (x * mask).sum(dim=1) / mask.sum(dim=1).clamp(min=1),
    }


def test_values(exercise):
    for i, (shape, dtype) in enumerate([((5, 8), torch.float32), ((3, 1), torch.float32), ((1, 6), torch.float32),
                                        ((4, 5), torch.float64)]):
        x, mask = _inputs(shape, i, dtype)
        what = f"masked_row_mean(x, mask) for x of shape {shape}, {dtype}, with inf and nan where mask is False"
        got = exercise.masked_row_mean(x.clone(), mask.clone())
        if isinstance(got, torch.Tensor) and got.shape == (shape[0],) and torch.isnan(got).any():
            empty = ~mask.any(dim=1)
            if torch.isnan(got[~empty]).any():
                fail(f"{what} gave nan for rows that have True entries: {[round(v, 4) for v in got.tolist()]}.",
                     hint="x * mask turns an inf or nan under a False entry into nan (inf * 0 is nan): select with "
                          "torch.where(mask, x, 0) instead.")
            fail(f"{what} gave nan for the row with no True entry: {[round(v, 4) for v in got.tolist()]}.",
                 hint="0 / 0 is nan: divide by the count of True entries clamped to at least 1.")
        expect_close(got, _reference(x, mask), what=what, rtol=1e-5, atol=1e-6, mistakes=_mistakes(x, mask))


def test_no_value_read_back_on_meta(exercise):
    x = torch.empty(4, 7, device="meta")
    mask = torch.empty(4, 7, dtype=torch.bool, device="meta")
    what = "masked_row_mean(x, mask) with x and mask on 'meta' (tensors with shapes but no values)"
    try:
        got = exercise.masked_row_mean(x, mask)
    except Exception as exc:  # noqa: BLE001 - the learner's code, explained
        text = (str(exc).strip().splitlines() or [""])[0][:200]
        fail(f"{what} raised {type(exc).__name__}: {text}", hint=VALUE_DEPENDENT)
    expect(isinstance(got, torch.Tensor) and got.device.type == "meta" and tuple(got.shape) == (4,),
           f"{what} returned {type(got).__name__} of shape {tuple(getattr(got, 'shape', ()))} on "
           f"{getattr(got, 'device', '?')}; a (4,) tensor on meta is expected.",
           hint="build the result from x and mask themselves, so it follows their device.")


@pytest.mark.skipif(not cuda_usable(), reason="no usable CUDA GPU here")
def test_no_sync_on_cuda(exercise):
    x, mask = _inputs((64, 128), 9, device="cuda")
    want = _reference(x, mask)
    what = 'masked_row_mean(x, mask) on the GPU under torch.cuda.set_sync_debug_mode("error")'
    torch.cuda.synchronize()
    torch.cuda.set_sync_debug_mode("error")
    try:
        got = exercise.masked_row_mean(x, mask)
    except RuntimeError as exc:
        fail(f"{what} raised: {str(exc).splitlines()[0][:200]}", hint=VALUE_DEPENDENT)
    finally:
        torch.cuda.set_sync_debug_mode("default")
    expect_close(got, want, what=what, rtol=1e-5, atol=1e-6)
