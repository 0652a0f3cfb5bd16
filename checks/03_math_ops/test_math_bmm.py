import math
import warnings

import torch

from dlings.testing import expect_close, fail
from support_03_math_ops import call

DOT_T = ("k.T on a tensor with more than 2 dims reverses ALL its dims (batch ends up last); "
         "swap only the last two: k.transpose(-2, -1) or k.mT.")


def _call_noting_dot_T(fn, q, k):
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        try:
            got = call(fn, q, k)
        except RuntimeError as exc:
            if any("x.T" in str(w.message) for w in seen):
                fail(f"Your code raised RuntimeError: {str(exc).splitlines()[0]}", hint=DOT_T)
            raise
    return got, any("x.T" in str(w.message) for w in seen)


def test_attention_scores(exercise):
    torch.manual_seed(0)
    # (q shape, Tk): the first case has Tk == D, where forgetting the transpose raises no error
    for q_shape, tk in [((2, 3, 4), 4), ((3, 5, 8), 6), ((1, 1, 16), 7), ((2, 3, 4, 8), 5)]:
        q = torch.randn(q_shape)
        k = torch.randn(*q_shape[:-2], tk, q_shape[-1])
        d = q_shape[-1]
        got, used_dot_T = _call_noting_dot_T(exercise.attention_scores, q, k)
        expect_close(
            got, torch.einsum("...id,...jd->...ij", q, k) / math.sqrt(d),
            what=f"attention_scores(q, k) for q of shape {tuple(q.shape)} and k of shape {tuple(k.shape)}",
            rtol=1e-5, atol=1e-5, hint=DOT_T if used_dot_T else None,
            mistakes={
                "the 1 / sqrt(D) scaling is missing.": lambda: q @ k.transpose(-2, -1),
                "you divided by D; the scaling is by sqrt(D).": lambda: q @ k.transpose(-2, -1) / d,
                "q @ k multiplies by k without transposing it: you need k's last two dims swapped.":
                    lambda: q @ k / math.sqrt(d),
            },
        )
