import torch
import torch.nn.functional as F

from dlings.testing import calls_in, expect_close, expect_meta_call, expect_tensor, fail
from support_21_attention import randn, ref_attention

# Sequences of 6, 3 and 1 real tokens; B = 3 and H = 2 differ, so a (B, 1, T) mask cannot pass unnoticed.
LENGTHS = (6, 3, 1)
BOTH_HINT = ("F.scaled_dot_product_attention refuses attn_mask and is_causal=True together: with pad, put the causal "
             "part into the mask (torch.ones(T, T, dtype=torch.bool).tril()) and leave is_causal False.")
SHAPE_HINT = "the mask must broadcast against the scores (B, H, T, T): pad[:, None, None, :] is (B, 1, 1, T)."


def call(exercise, what, q, k, v, pad=None):
    try:
        got = exercise.causal_sdpa(q, k, v) if pad is None else exercise.causal_sdpa(q, k, v, pad)
    except Exception as exc:  # noqa: BLE001 - the learner's code, explained
        text = (str(exc).splitlines() or [""])[0][:200]
        fail(f"{what} raised {type(exc).__name__}: {text}", hint=BOTH_HINT if "is_causal" in text else SHAPE_HINT)
    return expect_tensor(got, what)


def padded(b, t):
    return torch.arange(t)[None, :] >= torch.tensor(LENGTHS[:b])[:, None]


def test_causal_without_padding(exercise):
    g = torch.Generator().manual_seed(0)
    for shape in [(2, 3, 5, 4), (1, 1, 1, 3), (3, 2, 6, 1), (1, 2, 4, 8)]:
        q, k, v = (randn(*shape, g=g) * 2 for _ in range(3))
        t = shape[-2]
        what = f"causal_sdpa(q, k, v) with q, k, v of shape {shape} and no pad"
        want, _ = ref_attention(q, k, v, mask=torch.ones(t, t, dtype=torch.bool).tril())
        expect_close(call(exercise, what, q, k, v), want, what, rtol=1e-4, atol=1e-5,
                     mistakes={"there is no causal mask: pass is_causal=True.": ref_attention(q, k, v)[0]},
                     hint="without pad, F.scaled_dot_product_attention(q, k, v, is_causal=True) is all it takes.")


def test_causal_and_padding(exercise):
    g = torch.Generator().manual_seed(1)
    b, h, t, d = 3, 2, 6, 4
    q, k, v = (randn(b, h, t, d, g=g) * 2 for _ in range(3))
    pad = padded(b, t)
    past = torch.ones(t, t, dtype=torch.bool).tril()
    keys = pad[:, None, None, :]
    what = (f"causal_sdpa(q, k, v, pad) with q, k, v of shape {(b, h, t, d)} and pad {tuple(pad.shape)} marking "
            f"sequences of {', '.join(map(str, LENGTHS))} real tokens (True = padding)")
    got = call(exercise, what, q, k, v, pad.clone())

    def with_mask(m):
        return lambda: ref_attention(q, k, v, mask=m)[0].nan_to_num(0.0)

    expect_close(got, with_mask(past & ~keys)(), what, rtol=1e-4, atol=1e-5, mistakes={
        "you passed pad as the mask as it is: for F.scaled_dot_product_attention True means MAY attend, the "
        "opposite of nn.MultiheadAttention's key_padding_mask. Use ~pad (and the causal part).": with_mask(keys),
        "the padding part is the wrong way round: ~pad is what may be attended to, not pad.": with_mask(past & keys),
        "the padding is masked but the future is not: with an attn_mask, is_causal cannot be used, so AND the "
        "mask with torch.ones(T, T, dtype=torch.bool).tril().": with_mask(~keys),
        "the causal part is the wrong way round: tril (j <= i) is what may be attended to; triu(diagonal=1) is the "
        "future.": with_mask(~past & ~keys),
        "a float mask is ADDED to the scores (0 and 1 change little): pass the bool mask itself, True = may attend.":
            lambda: F.scaled_dot_product_attention(q, k, v, attn_mask=(past & ~keys).float()),
    }, hint="one bool mask, True = may attend: past & ~pad[:, None, None, :].")
    expect_close(got, F.scaled_dot_product_attention(q, k, v, attn_mask=past & ~keys),
                 f"{what}, against F.scaled_dot_product_attention", rtol=1e-4, atol=1e-5)


def test_no_padding_at_all(exercise):
    g = torch.Generator().manual_seed(2)
    q, k, v = (randn(2, 3, 4, 5, g=g) for _ in range(3))
    pad = torch.zeros(2, 4, dtype=torch.bool)
    what = "causal_sdpa(q, k, v, pad) with a pad of all False (no padding) and q, k, v of shape (2, 3, 4, 5)"
    want = F.scaled_dot_product_attention(q, k, v, is_causal=True)
    expect_close(call(exercise, what, q, k, v, pad), want, what, rtol=1e-4, atol=1e-5,
                 hint="with nothing padded the result is plain causal attention: the mask still needs the tril part.")


def test_mask_on_the_inputs_device(exercise):
    expect_meta_call(lambda q, k, v, pad: exercise.causal_sdpa(q, k, v, pad),
                     (2, 3, 5, 4), (2, 3, 5, 4), (2, 3, 5, 4), padded(2, 5),
                     reference=lambda q, k, v, pad: F.scaled_dot_product_attention(q, k, v),
                     what="causal_sdpa(q, k, v, pad)")


def test_uses_the_builtin(exercise):
    if not any(name.split(".")[-1] == "scaled_dot_product_attention" for name in calls_in(exercise.causal_sdpa)):
        fail("causal_sdpa does not call F.scaled_dot_product_attention.",
             hint="this exercise is about the built-in: the masks by hand were attn_causal_mask and attn_padding_mask.")
