import torch

from dlings.testing import expect_close, expect_tensor, fail


def reference(block, x, *, causal=True, inverted=False, pre=True, ln_mlp=None, attn_residual=True, residual_from_normed=False):
    t = x.shape[1]
    future = torch.ones(t, t, dtype=torch.bool).triu(1) if causal else None
    future = ~future if inverted else future
    ln_mlp = ln_mlp or block.ln2
    if pre:
        h = block.ln1(x)
        a = block.attn(h, h, h, attn_mask=future, need_weights=False)[0]
        x = ((h if residual_from_normed else x) + a) if attn_residual else a
        return x + block.mlp(ln_mlp(x))
    x = block.ln1(x + block.attn(x, x, x, attn_mask=future, need_weights=False)[0])
    return block.ln2(x + block.mlp(x))


def make(exercise, d, h, seed):
    torch.manual_seed(seed)
    block = exercise.Block(d, h)
    with torch.no_grad():  # LayerNorms that are not the identity, so mixing them up shows
        for ln in (block.ln1, block.ln2):
            ln.weight.uniform_(0.5, 1.5)
            ln.bias.normal_(0, 0.5)
    return block.eval()


def test_matches_pre_norm_block(exercise):
    g = torch.Generator().manual_seed(0)
    for i, (d, h, b, t) in enumerate([(8, 2, 2, 5), (16, 4, 1, 7), (12, 3, 3, 1), (8, 1, 2, 4)]):
        block = make(exercise, d, h, i)
        x = torch.randn(b, t, d, generator=g) * 2 + 1
        what = f"Block({d}, {h})(x) for x of shape {(b, t, d)}"
        got = expect_tensor(block(x), what)
        # references with grad enabled, like the learner's call (nn.MultiheadAttention's no-grad fast path
        # treats a fully masked row differently)
        ref = reference(block, x)
        wrong = {
            "this is the post-norm block (x = ln(x + sublayer(x))); pre-norm normalises the INPUT of each "
            "sub-layer and leaves the residual stream x itself un-normalised: x = x + attn(ln1(x)).":
                reference(block, x, pre=False),
            "the residual adds ln1(x), not x: keep x as it is and add attn(ln1(x)) to it.":
                reference(block, x, residual_from_normed=True),
            "the attention has no causal mask: pass attn_mask = a (T, T) bool mask, True above the diagonal.":
                reference(block, x, causal=False),
            "the mask is inverted (True where attention IS allowed, F.scaled_dot_product_attention's "
            "convention); nn.MultiheadAttention's bool attn_mask is True where it is NOT allowed: the future.":
                reference(block, x, inverted=True),
            "ln1 normalises the input of the MLP too; the MLP's sub-layer has its own norm, ln2.":
                reference(block, x, ln_mlp=block.ln1),
            "the attention's output replaced x instead of being added to it (x = x + attn(ln1(x))).":
                reference(block, x, attn_residual=False),
        }
        if torch.isnan(got).any():
            fail(f"{what} has NaN values: some query has no key it may attend to.",
                 hint="nn.MultiheadAttention's bool attn_mask is True where attention is NOT allowed: True above "
                      "the diagonal only (torch.triu(..., diagonal=1)), so every position sees itself.")
        expect_close(got, ref, what, rtol=1e-4, atol=1e-5, mistakes=wrong)


def test_is_causal(exercise):
    block = make(exercise, 8, 2, 5)
    g = torch.Generator().manual_seed(1)
    x = torch.randn(2, 6, 8, generator=g)
    later = x.clone()
    later[:, 3:] = torch.randn(2, 3, 8, generator=g)
    with torch.no_grad():
        a, b = block(x), block(later)
    if not torch.allclose(a[:, :3], b[:, :3], atol=1e-5):
        fail("changing positions 3..5 of the input changed the block's output at positions 0..2: the block sees "
             "the future.", hint="nn.MultiheadAttention's attn_mask is True where attention is NOT allowed: the "
                                  "future, torch.triu(torch.ones(T, T, dtype=torch.bool), diagonal=1).")
    expect_close(a, reference(block, x), "Block(8, 2)(x)", rtol=1e-4, atol=1e-5)


def test_mask_follows_the_device(exercise):
    block = make(exercise, 8, 2, 6).to("meta")
    try:
        out = block(torch.empty(2, 5, 8, device="meta"))
    except Exception as exc:  # noqa: BLE001 - the learner's code
        fail(f"Block(8, 2) moved to device 'meta' (a stand-in for a GPU: shapes, no data) raised "
             f"{type(exc).__name__}: {str(exc).splitlines()[0][:200]}",
             hint="make the mask on the input's device: torch.ones(T, T, dtype=torch.bool, device=x.device).")
    expect_tensor(out, "Block(8, 2)(x) on meta")
    if out.device.type != "meta" or tuple(out.shape) != (2, 5, 8):
        fail(f"Block(8, 2)(x) on meta gave a tensor of shape {tuple(out.shape)} on {out.device}; expected (2, 5, 8) "
             "on meta.")
