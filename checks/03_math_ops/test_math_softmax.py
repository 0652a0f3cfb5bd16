import torch

from dlings.testing import expect_close, expect_not_calling, fail, forbid_calls
from support_03_math_ops import SOFTMAX_FAMILY, SOFTMAX_NAMES, call, stability_inputs

WHY = "write softmax yourself from exp, a max and a sum."
NAIVE = ("exp() of large numbers overflows to inf (and exp of very negative ones underflows to 0), giving "
         "inf / inf or 0 / 0 = NaN. Subtract the max along dim (keepdim=True) before exp.")

GLOBAL = ("you subtracted the max of the WHOLE tensor: when slices differ a lot (one near +1000, one near "
          "-1000), the low slice becomes exp(-2000) = 0 everywhere, and 0 / 0 = NaN. Subtract each slice's own "
          "max (amax along dim, keepdim=True).")


def test_softmax(exercise):
    for label, x, dim in stability_inputs():
        ref = torch.softmax(x.double(), dim=dim).float()
        with forbid_calls(SOFTMAX_FAMILY, why=WHY):
            got = call(exercise.softmax, x, dim)
        hint = None
        if isinstance(got, torch.Tensor) and got.shape == x.shape and not bool(torch.isfinite(got).all()):
            hint = GLOBAL if torch.allclose(got, _global_max(x, dim), equal_nan=True) else NAIVE
        expect_close(
            got, ref, what=f"softmax(x, dim) for {label}", rtol=1e-5, atol=1e-6, hint=hint,
            mistakes={
                "you normalised along the wrong dim: the sums should be 1 along `dim`.":
                    lambda: torch.softmax(x, dim=0 if dim != 0 else -1),
                "the max was taken without keepdim=True, so it lined up with the wrong dim when subtracted.":
                    lambda: _no_keepdim(x, dim),
            },
        )


def _no_keepdim(x, dim):
    try:
        e = (x - x.amax(dim=dim)).exp()
        return e / e.sum(dim=dim, keepdim=True)
    except RuntimeError:
        return None


def _global_max(x, dim):
    e = (x - x.max()).exp()
    return e / e.sum(dim=dim, keepdim=True)


def test_no_builtin_softmax(exercise):
    expect_not_calling(exercise.softmax, SOFTMAX_NAMES, why=WHY)


def test_leaves_x_alone_softmax(exercise):
    x = torch.randn(3, 5, generator=torch.Generator().manual_seed(7)) * 10
    before = x.clone()
    exercise.softmax(x, 1)
    if not torch.equal(x, before):
        fail("softmax(x, 1) changed the caller's x.",
             hint="an in-place op (x.sub_, x -= ..., .exp_()) overwrites the caller's tensor; write x - m, "
                  "torch.exp(...), which return new tensors.")
