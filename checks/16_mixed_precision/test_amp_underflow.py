"""Values on both sides of each type's limits (measured on this torch): in float16, 2**-25 rounds to 0 and
2**-25 * 1.01 to 2**-24; 65519 rounds to 65504, 65520 to inf. In bfloat16, 3.39e38 survives, 3.4e38 is inf,
9e-41 survives (its subnormals reach about 9.2e-41) and 1e-41 is 0."""
import torch

from dlings.testing import expect_close, expect_dtype, expect_shape, expect_tensor
from support_16_mixed_precision import call

VALUES = [1e-3, -1e-3, 1e-6, -1e-6, 6.2e-5, 6e-8, 2**-25, 2**-25 * 1.01, 1e-8, -1e-8, 1e-20, 1e-39, 9e-41, 1e-41,
          0.0, -0.0, 1.0, 65504.0, 65519.0, 65520.0, -7e4, 1e5, 3.39e38, 3.4e38, -3.4e38]


def _want(v, dtype):
    c = v.to(dtype)
    return (v != 0) & ((c == 0) | torch.isinf(c))


def _mistakes(v, dtype):
    c = v.to(dtype)
    tiny, big = torch.finfo(dtype).smallest_normal, torch.finfo(dtype).max
    return {
        "a value that was 0 already is not lost: count only NONZERO values that became 0.":
            (c == 0) | torch.isinf(c),
        "a value that overflows to +-inf is lost too, not only one that becomes 0.": (v != 0) & (c == 0),
        "-inf counts as well as +inf: use torch.isinf, which is True for both.":
            (v != 0) & ((c == 0) | (c == float("inf"))),
        "rounding to a nearby nonzero value is not a loss: compare the cast with 0 and inf, not with the "
        "original value.": c.to(v.dtype) != v,
        "finfo.smallest_normal (tiny) is not the limit: smaller subnormal values still survive; cast and look.":
            (v != 0) & ((v.abs() < tiny) | (v.abs() > big)),
    }


def test_lost_in(exercise):
    for dtype in (torch.float16, torch.bfloat16):
        v = torch.tensor(VALUES)
        for shape in [(len(VALUES),), (5, 5), (1, 25, 1)]:
            x = v.reshape(shape)
            keep = x.clone()
            what = f"lost_in(values, {dtype}) for values of shape {shape}"
            got = expect_tensor(call(exercise.lost_in, x, dtype, what=what), what)
            expect_shape(got, shape, what)
            expect_dtype(got, torch.bool, what, hint="return the mask itself (comparisons give bool tensors).")
            expect_close(x, keep, f"values after {what}", hint="cast a copy (values.to(dtype) returns a new tensor); "
                         "do not change the input.")
            mistakes = {k: m.reshape(shape) for k, m in _mistakes(v, dtype).items()}
            expect_close(got, _want(v, dtype).reshape(shape), what, mistakes=mistakes)
