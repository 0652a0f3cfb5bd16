import torch
import torch.nn.functional as F

from dlings.testing import expect_close, expect_meta_call, expect_not_calling, fail, forbid_calls
from support_21_attention import pair, randn, ref_attention

BANNED = ["torch.nn.functional.scaled_dot_product_attention"]
WHY = "build the mask and apply it yourself."
SHAPES = [(5, 4), (2, 6, 8), (2, 3, 7, 4), (1, 1, 3), (3, 2, 1), (2, 5, 1)]


def mistakes(q, k, v):
    t = q.shape[-2]
    past = torch.ones(t, t, dtype=torch.bool).tril()
    plain = ref_attention(q, k, v)
    zeroed = plain[1] * past
    s = q @ k.transpose(-2, -1) / q.shape[-1] ** 0.5
    zero_scores = torch.softmax(s.masked_fill(~past, 0.0), -1)
    return {
        "the mask is the wrong way round: it hides the past (j < i) and shows the future. Mask where j > i "
        "(torch.triu(..., diagonal=1), or ~torch.tril(...)).": ref_attention(q, k, v, mask=past.T),
        "there is no mask at all: every query attends to the future too.": plain,
        "you zeroed the weights AFTER the softmax, so the rows no longer sum to 1: put -inf into the SCORES "
        "before the softmax.": (zeroed @ v, zeroed),
        "you set the future scores to 0, which is not 'no weight': exp(0) = 1. Use float('-inf').":
            (zero_scores @ v, zero_scores),
    }


def test_matches_causal_sdpa(exercise):
    g = torch.Generator().manual_seed(0)
    for shape in SHAPES:
        q, k = randn(*shape, g=g) * 2, randn(*shape, g=g) * 2
        v = randn(*shape[:-1], 3, g=g)
        what = f"causal_attention(q, k, v) with q and k {shape}, v {tuple(v.shape)}"
        with forbid_calls(BANNED, why=WHY):
            out, w = pair(exercise.causal_attention(q, k, v), what)
        t = shape[-2]
        ref_out, ref_w = ref_attention(q, k, v, mask=torch.ones(t, t, dtype=torch.bool).tril())
        wrong = mistakes(q, k, v)
        if tuple(w.shape) == tuple(ref_w.shape):
            future = torch.ones(t, t, dtype=torch.bool).triu(1)
            leaked = w.detach()[..., future]
            if leaked.numel() and bool((leaked != 0).any()) and not torch.isnan(leaked).any():
                cause = next((c for c, m in wrong.items() if torch.allclose(w, m[1], atol=1e-5)), None)
                fail(f"{what}: a query gives weight {leaked.abs().max().item():.3g} to a FUTURE key (j > i); "
                     "future positions must get exactly 0.",
                     hint=cause or "fill the future scores with float('-inf') before the softmax.")
        if torch.isnan(w).any():
            fail(f"{what} gave NaN weights: some query has every one of its scores at -inf, so its softmax is 0/0.",
                 hint="the mask hides too much: only the future (key j > i) is hidden; the diagonal (j == i) and the "
                      "past stay, so every query sees at least itself. torch.triu(..., diagonal=1) marks the future.")
        expect_close(w, ref_w, f"the weights of {what}", mistakes={c: m[1] for c, m in wrong.items()},
                     hint="the diagonal (j == i) is allowed: a position attends to itself. Mask only j > i.")
        expect_close(out, ref_out, f"the output of {what}", mistakes={c: m[0] for c, m in wrong.items()})
        expect_close(out, F.scaled_dot_product_attention(q, k, v, is_causal=True),
                     f"the output of {what}, against F.scaled_dot_product_attention(..., is_causal=True)",
                     rtol=1e-4, atol=1e-5)


def test_mask_on_the_inputs_device(exercise):
    def out_only(q, k, v):
        with forbid_calls(BANNED, why=WHY):
            return pair(exercise.causal_attention(q, k, v), "causal_attention on meta tensors")[0]
    expect_meta_call(out_only, (2, 3, 6, 8), (2, 3, 6, 8), (2, 3, 6, 5),
                     reference=lambda q, k, v: F.scaled_dot_product_attention(q, k, v, is_causal=True),
                     what="causal_attention(q, k, v)")


def test_not_the_builtin(exercise):
    expect_not_calling(exercise.causal_attention, ["scaled_dot_product_attention"], why=WHY)


def test_large_scores_still_exactly_zero(exercise):
    # Scores of order -1e4 on the allowed keys: a "large negative" fill such as -1e4 (instead of -inf)
    # is then LARGER than the real scores and the future takes the weight. -inf is below everything.
    g = torch.Generator().manual_seed(3)
    k = 150 + randn(2, 5, 4, g=g) * 0.01
    q = -k
    v = randn(2, 5, 3, g=g)
    what = "causal_attention(q, k, v) with q = -k, every entry of k near 150 (every score near -45000)"
    with forbid_calls(BANNED, why=WHY):
        out, w = pair(exercise.causal_attention(q, k, v), what)
    ref_out, ref_w = ref_attention(q, k, v, mask=torch.ones(5, 5, dtype=torch.bool).tril())
    future = torch.ones(5, 5, dtype=torch.bool).triu(1)
    if tuple(w.shape) == tuple(ref_w.shape) and bool((w.detach()[..., future] != 0).any()):
        fail(f"{what}: a query gives weight {w.detach()[..., future].abs().max().item():.3g} to a FUTURE key. "
             "The future was filled with a finite 'large negative' number, and here the real scores are even lower.",
             hint="fill with float('-inf'): exp(-inf) is exactly 0 whatever the other scores are.")
    expect_close(w, ref_w, f"the weights of {what}", rtol=1e-4, atol=1e-5)
    expect_close(out, ref_out, f"the output of {what}", rtol=1e-4, atol=1e-5)
