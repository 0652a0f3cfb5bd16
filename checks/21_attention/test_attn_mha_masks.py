import torch
from torch import nn

from dlings.testing import expect_close, expect_shape, expect_tensor, fail


def window_mask(T, window):
    if window is None:
        return None
    pos = torch.arange(T)
    return (pos[:, None] - pos[None, :]).abs() > window


def run(exercise, lengths, T, window, E=8, H=2, seed=0):
    torch.manual_seed(seed)
    mha = nn.MultiheadAttention(E, H, batch_first=True).eval()
    lengths = torch.tensor(lengths)
    B = len(lengths)
    x = torch.randn(B, T, E)
    what = f"encode_padded(mha, x, lengths={lengths.tolist()}, window={window}) for x of shape {tuple(x.shape)}"
    try:
        with torch.no_grad():
            got = exercise.encode_padded(mha, x.clone(), lengths.clone(), window)
    except RuntimeError as e:
        if "attn_mask" in str(e) or "is invalid for input of size" in str(e):
            fail(f"{what} raised RuntimeError: {e}",
                 hint="the padding mask is per sequence, (B, T): it goes in key_padding_mask. attn_mask is one (T, T) "
                      "pattern shared by every sequence: the window.")
        raise
    got = expect_tensor(got, what)
    expect_shape(got, (B, T, E), what, hint="return mha's output (the first of the pair it returns), padded rows zeroed.")
    pos = torch.arange(T)
    pad = pos[None, :] >= lengths[:, None]
    far = window_mask(T, window)
    want = torch.zeros(B, T, E)
    with torch.no_grad():
        for b in range(B):
            L = int(lengths[b])
            xb = x[b:b + 1, :L]
            want[b, :L] = mha(xb, xb, xb, attn_mask=window_mask(L, window), need_weights=False)[0][0]
        full = mha(x, x, x, key_padding_mask=pad, attn_mask=far, need_weights=False)[0]
        mistakes = {
            "the padded positions must be exactly 0: zero mha's output where the padding is "
            "(out.masked_fill(pad[:, :, None], 0)).": full,
            "True in a bool mask means NOT allowed: the key_padding_mask is True at the padding, not at the real "
            "tokens.": None,
            "a float mask is ADDED to the attention scores (0 = allowed, -inf = blocked); a float 1.0 at the padding "
            "only nudges the scores. Pass the bool mask.":
                mha(x, x, x, key_padding_mask=pad.float(), attn_mask=far, need_weights=False)[0]
                .masked_fill(pad[:, :, None], 0.0),
            "without key_padding_mask the real tokens also attend to the padding.":
                mha(x, x, x, attn_mask=far, need_weights=False)[0].masked_fill(pad[:, :, None], 0.0),
        }
        if window is not None:
            mistakes["the window keeps |i - j| <= window: tokens exactly `window` apart may still attend to each "
                     "other."] = mha(x, x, x, key_padding_mask=pad, attn_mask=(pos[:, None] - pos[None, :]).abs()
                                     >= window, need_weights=False)[0].masked_fill(pad[:, :, None], 0.0) \
                if window > 0 else None
            mistakes["attn_mask: True means NOT allowed (the opposite of F.scaled_dot_product_attention's bool "
                     "mask): True where |i - j| > window."] = None
    nan = torch.isnan(got).any(-1)
    if bool(nan[~pad].any()):
        fail(f"{what} has NaN at real positions.",
             hint="a query with every key masked gets NaN. True means NOT allowed in both masks: key_padding_mask is "
                  "True at the padding, attn_mask True where |i - j| > window.")
    if bool(nan.any()):
        fail(f"{what} has NaN at padded positions {nan.nonzero().tolist()[:4]} (batch, position).",
             hint="a padded query whose window holds only padding has no key to attend to, so mha gives NaN there, "
                  "and multiplying by 0 keeps it (NaN * 0 is NaN). Replace those rows instead: "
                  "out.masked_fill(pad[:, :, None], 0.0) or torch.where.")
    expect_close(got, want, what, atol=1e-5, mistakes={k: v for k, v in mistakes.items() if v is not None})


def test_padding_only(exercise):
    run(exercise, [3, 5, 1], 5, None)
    run(exercise, [4, 6], 7, None, seed=1)     # every sequence shorter than T


def test_padding_and_window(exercise):
    run(exercise, [6, 4, 2], 6, 1, seed=2)
    run(exercise, [5, 7], 7, 2, seed=3)


def test_edge_cases(exercise):
    run(exercise, [4], 4, None, seed=4)        # batch of one, no padding
    run(exercise, [3, 5], 5, 0, seed=5)        # window 0: each token only sees itself
