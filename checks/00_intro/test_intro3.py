import torch

from dlings.testing import expect_close


def test_sevens_like_keeps_shape_dtype_and_values(exercise):
    for x in [torch.zeros(2, 3), torch.ones(4, dtype=torch.float64), torch.arange(6).reshape(3, 2),
              torch.empty(0, 5)]:
        expect_close(
            exercise.sevens_like(x),
            torch.full_like(x, 7),
            what=f"sevens_like(x) for x of shape {tuple(x.shape)} and dtype {x.dtype}",
            hint="the result must copy x's dtype too: the *_like functions do that for you.",
        )
