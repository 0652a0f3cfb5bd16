import pytest
import torch

from dlings.testing import expect_close, expect_device, expect_dtype, expect_shape, expect_tensor, no_loops
from support_05_gpu_basics import call, devices

MADE_ON_CPU = ("torch.arange (like torch.zeros, torch.ones, torch.tensor) makes its tensor on the CPU unless told "
               "otherwise: pass device=lengths.device.")


def _reference(lengths, max_len):
    return torch.arange(max_len)[None, :] < lengths.cpu()[:, None]


def _mask(exercise, lengths, max_len, what):
    return expect_tensor(call(exercise.padding_mask, lengths, max_len, what=what), what)


CASES = [([3, 1, 0, 4], 4), ([2], 5), ([0, 0], 3), ([1, 6, 2], 6), ([5, 5, 5, 5, 5], 5), ([2, 3], 1)]


@pytest.mark.parametrize("device", devices())
def test_mask_values(exercise, device):
    for lengths, max_len in CASES:
        lengths = torch.tensor(lengths, device=device)
        what = f"padding_mask(torch.tensor({lengths.tolist()}), {max_len}) on {device}"
        got = _mask(exercise, lengths, max_len, what)
        expect_device(got, device, what, hint="return the mask on lengths.device.")
        expect_dtype(got, torch.bool, what, hint="a comparison (<) gives a bool tensor; keep it bool.")
        ref = _reference(lengths, max_len)
        expect_close(got.cpu(), ref, what, mistakes={
            "position < length counts the real tokens; you used <= (one token too many).":
                torch.arange(max_len)[None, :] <= lengths.cpu()[:, None],
            "True marks the real tokens and False the padding; yours is the other way round.": ~ref,
            "the mask is (B, max_len) with one row per sequence: lengths go down the rows "
            "(lengths[:, None]) and positions along the columns.":
                torch.arange(max_len)[:, None] < lengths.cpu()[None, :],
        })


def test_on_another_device(exercise):
    # "meta" holds shapes and dtypes but no data: it stands in for a GPU on machines without one
    for batch, max_len in [(4, 7), (1, 3)]:
        lengths = torch.empty(batch, dtype=torch.int64, device="meta")
        what = f"padding_mask(lengths, {max_len}) for lengths of shape ({batch},) on the 'meta' device"
        got = _mask(exercise, lengths, max_len, what)
        expect_device(got, "meta", what, hint=MADE_ON_CPU)
        expect_dtype(got, torch.bool, what)
        expect_shape(got, (batch, max_len), what)


def test_no_python_loops(exercise):
    no_loops(exercise.padding_mask)
