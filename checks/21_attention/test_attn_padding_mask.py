import torch
import torch.nn.functional as F

from dlings.testing import expect, expect_close, expect_not_calling, fail, forbid_calls
from support_21_attention import pair, randn, ref_attention

BANNED = ["torch.nn.functional.scaled_dot_product_attention"]
WHY = "apply the padding mask yourself."


def reference(q, k, v, pad):
    out, w = ref_attention(q, k, v, mask=~pad[:, None, :])
    return torch.nan_to_num(out), torch.nan_to_num(w)


def mistakes(q, k, v, pad):
    s = q @ k.transpose(-2, -1) / q.shape[-1] ** 0.5
    uniform = torch.softmax(s.masked_fill(pad[:, None, :], -1e9), -1)
    after = torch.softmax(s, -1).masked_fill(pad[:, None, :], 0.0)
    out = {
        "a query whose keys are all padding got equal weights on the padding (a -1e9 fill gives a uniform "
        "softmax there); the docstring asks for all-zero weights and output in such a row.": (uniform @ v, uniform),
        "you zeroed the padded weights AFTER the softmax, so the rows no longer sum to 1: -inf goes into the "
        "scores, before.": (after @ v, after),
        "the mask is inverted: it hides the real keys and keeps the padding. pad is True at the PADDING.":
            reference(q, k, v, ~pad),
        "no mask at all: the padding keys are attended to.": ref_attention(q, k, v),
    }
    if q.shape[1] == k.shape[1]:
        rows = torch.softmax(s.masked_fill(pad[:, :, None], float("-inf")), -1).nan_to_num()
        out["the mask hides QUERY rows instead of KEY columns: broadcast it as pad[:, None, :] (B, 1, Tk), "
            "not pad[:, :, None]."] = (rows @ v, rows)
    return out


def lengths_to_pad(lengths, t):
    return torch.arange(t)[None, :] >= torch.tensor(lengths)[:, None]


def test_padding_gets_no_weight(exercise):
    g = torch.Generator().manual_seed(0)
    # (B, Tq, Tk, d, dv, real lengths): Tq == Tk (self-attention) and Tq != Tk; one row with no padding
    cases = [(3, 5, 5, 4, 4, [5, 3, 1]), (2, 3, 6, 8, 2, [2, 6]), (1, 4, 4, 1, 3, [2]), (2, 1, 3, 5, 5, [3, 1])]
    for b, tq, tk, d, dv, lengths in cases:
        q, k, v = randn(b, tq, d, g=g) * 2, randn(b, tk, d, g=g) * 2, randn(b, tk, dv, g=g)
        pad = lengths_to_pad(lengths, tk)
        what = f"padded_attention(q, k, v, pad) with q {tuple(q.shape)}, k {tuple(k.shape)}, key lengths {lengths}"
        with forbid_calls(BANNED, why=WHY):
            out, w = pair(exercise.padded_attention(q, k, v, pad), what)
        ref_out, ref_w = reference(q, k, v, pad)
        wrong = mistakes(q, k, v, pad)
        if torch.isnan(w).any() and not torch.isnan(ref_w).any() and min(lengths) > 0:
            fail(f"{what} gave NaN weights, though every sequence has at least one real key.",
                 hint="the mask hides whole QUERY rows: broadcast pad (B, Tk) over the queries as pad[:, None, :] "
                      "(B, 1, Tk), so it hides key columns of the (B, Tq, Tk) scores.")
        expect_close(w, ref_w, f"the weights of {what}", mistakes={c: m[1] for c, m in wrong.items()})
        expect_close(out, ref_out, f"the output of {what}", mistakes={c: m[0] for c, m in wrong.items()})
        expect_close(out, F.scaled_dot_product_attention(q, k, v, attn_mask=~pad[:, None, :]),
                     f"the output of {what}, against F.scaled_dot_product_attention", rtol=1e-4, atol=1e-5)


def test_fully_padded_row(exercise):
    g = torch.Generator().manual_seed(1)
    q, k, v = randn(3, 4, 5, g=g), randn(3, 4, 5, g=g), randn(3, 4, 2, g=g) + 3
    pad = lengths_to_pad([4, 0, 2], 4)
    what = "padded_attention(q, k, v, pad) where sequence 1 is ALL padding (length 0)"
    with forbid_calls(BANNED, why=WHY):
        out, w = pair(exercise.padded_attention(q, k, v, pad), what)
    if torch.isnan(w).any() or torch.isnan(out).any():
        fail(f"{what} gave NaN: softmax over a row of only -inf is 0/0.",
             hint="after the softmax, set the rows whose keys are all padding to 0 "
                  "(pad.all(-1) finds them; torch.nan_to_num also works).")
    expect(bool((w[1] == 0).all()) and bool((out[1] == 0).all()),
           f"{what}: the weights and output of sequence 1 should be all zeros; got weights {w[1].tolist()} "
           f"and output {out[1].tolist()}.",
           hint="a uniform softmax over the padding (from a -1e9 fill) is not 'no attention': zero those rows "
                "after the softmax.")
    expect_close(w, reference(q, k, v, pad)[1], f"the weights of {what}")


def test_not_the_builtin(exercise):
    expect_not_calling(exercise.padded_attention, ["scaled_dot_product_attention"], why=WHY)
