import math

import torch
import torch.nn.functional as F

from dlings.testing import expect_close, expect_meta_call, expect_not_calling, forbid_calls
from support_21_attention import pair, randn, ref_attention

BANNED = ["torch.nn.functional.scaled_dot_product_attention"]
WHY = "compute the scores, the softmax and the weighted sum yourself."
# (q shape, k shape, v shape): no batch dim, one, two; Tq != Tk; dv != d; size-one dims
CASES = [((3, 4), (5, 4), (5, 6)), ((2, 3, 8), (2, 5, 8), (2, 5, 3)), ((2, 3, 4, 16), (2, 3, 6, 16), (2, 3, 6, 16)),
         ((1, 1, 5), (1, 7, 5), (1, 7, 2)), ((2, 4, 1), (2, 4, 1), (2, 4, 1)), ((3, 2, 9), (3, 1, 9), (3, 1, 4))]


def mistakes(q, k, v):
    d, tk = q.shape[-1], k.shape[-2]
    s = q @ k.transpose(-2, -1)
    return {
        "the scores are not scaled: divide q @ k^T by sqrt(d), d = q.shape[-1].": ref_attention(q, k, v, scale=1.0),
        "you divided by d; the scale is 1 / sqrt(d).": ref_attention(q, k, v, scale=1 / d),
        "you scaled by the number of keys; the scale comes from d = q.shape[-1], the size of a query.":
            ref_attention(q, k, v, scale=1 / math.sqrt(tk)),
        "the softmax ran over the queries (dim -2); it belongs over the keys (dim -1), so each query's weights "
        "sum to 1.": ref_attention(q, k, v, dim=-2),
        "you multiplied by sqrt(d) instead of dividing.": ref_attention(q, k, v, scale=math.sqrt(d)),
        "the scale went on the weights after the softmax; it belongs on the scores, before.":
            (torch.softmax(s, -1) / math.sqrt(d) @ v, torch.softmax(s, -1) / math.sqrt(d)),
    }


def test_matches_sdpa(exercise):
    g = torch.Generator().manual_seed(0)
    for qs, ks, vs in CASES:
        q, k, v = randn(*qs, g=g) * 2, randn(*ks, g=g) * 2, randn(*vs, g=g)
        what = f"attention(q, k, v) with q {qs}, k {ks}, v {vs}"
        with forbid_calls(BANNED, why=WHY):
            out, w = pair(exercise.attention(q, k, v), what)
        ref_out, ref_w = ref_attention(q, k, v)
        wrong = mistakes(q, k, v)
        expect_close(w, ref_w, f"the weights of {what}", mistakes={c: m[1] for c, m in wrong.items()},
                     hint="weights = softmax(q @ k.transpose(-2, -1) / sqrt(d), dim=-1).")
        expect_close(out, ref_out, f"the output of {what}", mistakes={c: m[0] for c, m in wrong.items()},
                     hint="the output is weights @ v.")
        expect_close(out, F.scaled_dot_product_attention(q, k, v), f"the output of {what}, against "
                     "F.scaled_dot_product_attention", rtol=1e-4, atol=1e-5)


def test_float64_and_meta(exercise):
    g = torch.Generator().manual_seed(1)
    q, k, v = (randn(2, 3, 5, g=g, dtype=torch.float64) for _ in range(3))
    with forbid_calls(BANNED, why=WHY):
        out, w = pair(exercise.attention(q, k, v), "attention(q, k, v) on float64 inputs")
        expect_close(out, ref_attention(q, k, v)[0], "the output of attention(q, k, v) for float64 inputs",
                     hint="keep the inputs' dtype: math.sqrt(d) is a Python float and keeps it; "
                          "a torch.tensor(d) made without dtype= may not.")
        expect_meta_call(lambda a, b, c: pair(exercise.attention(a, b, c), "attention on meta tensors")[0],
                         (2, 3, 4, 8), (2, 3, 6, 8), (2, 3, 6, 5), reference=lambda a, b, c: ref_attention(a, b, c)[0],
                         what="attention(q, k, v)")


def test_not_the_builtin(exercise):
    expect_not_calling(exercise.attention, ["scaled_dot_product_attention"], why=WHY)
