import math

import torch

from dlings.testing import expect_close, expect_meta_call, expect_untouched, snapshot


def test_sevens_like_keeps_shape_dtype_and_values(exercise):
    for x in [torch.zeros(2, 3), torch.ones(4, dtype=torch.float64), torch.arange(6).reshape(3, 2),
              torch.empty(0, 5), torch.tensor([[1.0, math.inf], [-math.inf, math.nan]])]:
        expect_close(
            exercise.sevens_like(x),
            torch.full_like(x, 7),
            what=f"sevens_like(x) for x = {x.tolist()}" if x.numel() and not x.isfinite().all()
            else f"sevens_like(x) for x of shape {tuple(x.shape)} and dtype {x.dtype}",
            hint="the result must copy x's dtype too: the *_like functions do that for you." if x.isfinite().all()
            else "every value must be 7, whatever x holds: inf * 0 and nan * 0 are nan, so x * 0 + 7 is not 7 "
                 "everywhere. Make a new tensor filled with 7.",
        )


def test_sevens_like_keeps_device(exercise):
    # A meta tensor stands in for a GPU tensor: it has a shape, a dtype and a device, but no data.
    expect_meta_call(exercise.sevens_like, (2, 3), reference=lambda x: torch.full_like(x, 7), what="sevens_like(x)")


def test_sevens_like_leaves_input_alone(exercise):
    x = torch.arange(6.0).reshape(2, 3)
    before = snapshot(x)
    exercise.sevens_like(x)
    expect_untouched(x, before, what="the input tensor x after sevens_like(x)",
                     hint="an in-place fill (x.fill_(7)) overwrote the caller's tensor; make a new tensor instead.")
