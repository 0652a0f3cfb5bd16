import torch
from torch import nn

from dlings.testing import expect_close, expect_not_calling, fail, forbid_calls
from support_21_attention import pair

BANNED = ["torch.nn.functional.scaled_dot_product_attention", "torch.nn.functional.multi_head_attention_forward",
          "torch.nn.MultiheadAttention.forward"]
WHY = "compute the projections, the heads and the attention yourself from mha's parameters."


def make_mha(e, h, seed):
    torch.manual_seed(seed)
    mha = nn.MultiheadAttention(e, h, batch_first=True)
    with torch.no_grad():  # nonzero biases (their default is 0), so a forgotten bias shows
        mha.in_proj_bias.normal_()
        mha.out_proj.bias.normal_()
    return mha.eval()


def mistakes(query, key, value, mha):
    e, h = mha.embed_dim, mha.num_heads
    b, tq, tk, hd = query.shape[0], query.shape[1], key.shape[1], e // h
    wq, wk, wv = mha.in_proj_weight.chunk(3)
    bq, bk, bv = mha.in_proj_bias.chunk(3)

    def run(split, scale, merge_t=True, out=True, t_w=True):
        tw = (lambda w: w.T) if t_w else (lambda w: w)
        q, k, v = query @ tw(wq) + bq, key @ tw(wk) + bk, value @ tw(wv) + bv
        q, k, v = split(q, tq), split(k, tk), split(v, tk)
        w = torch.softmax(q @ k.transpose(-2, -1) * scale, -1)
        o = w @ v
        o = (o.transpose(1, 2) if merge_t else o).reshape(b, tq, e)
        return (mha.out_proj(o) if out else o), w.mean(1)
    good = lambda t, n: t.view(b, n, h, hd).transpose(1, 2)  # noqa: E731
    bad = lambda t, n: t.reshape(b, h, n, hd)  # noqa: E731
    out = {
        "the heads were split with view(B, H, T, E // H): that cuts the sequence, not the features. Split the last "
        "dim, view(B, T, H, E // H), then transpose(1, 2) to (B, H, T, E // H).": run(bad, hd ** -0.5, merge_t=False),
        "the scale uses the embedding size E; it is 1 / sqrt(E // H), the size of ONE head.": run(good, e ** -0.5),
        "the heads were merged with reshape(B, Tq, E) straight from (B, H, Tq, E // H): transpose(1, 2) first, so "
        "the heads of one position sit side by side.": run(good, hd ** -0.5, merge_t=False),
        "mha.out_proj was not applied after merging the heads.": run(good, hd ** -0.5, out=False),
        "the projections use W instead of W^T: x @ W.T + b (what nn.Linear and F.linear do).":
            run(good, hd ** -0.5, t_w=False),
    }
    return out


def test_matches_nn_multihead_attention(exercise):
    g = torch.Generator().manual_seed(0)
    # (E, H, B, Tq, Tk, self-attention?)
    cases = [(8, 2, 2, 5, 5, True), (12, 3, 1, 4, 7, False), (16, 4, 3, 1, 6, False), (6, 1, 2, 3, 3, True),
             (8, 8, 2, 4, 4, True)]
    for i, (e, h, b, tq, tk, same) in enumerate(cases):
        mha = make_mha(e, h, i)
        query = torch.randn(b, tq, e, generator=g)
        key = query if same else torch.randn(b, tk, e, generator=g)
        value = query if same else torch.randn(b, tk, e, generator=g)
        kind = "self-attention (query = key = value)" if same else "cross-attention"
        what = f"mha_forward for E={e}, H={h}, {kind}, query {tuple(query.shape)}, key {tuple(key.shape)}"
        with forbid_calls(BANNED, why=WHY):
            out, w = pair(exercise.mha_forward(query, key, value, mha), what)
        with torch.no_grad():
            ref_out, ref_w = mha(query, key, value)
        wrong = mistakes(query, key, value, mha)
        if tuple(w.shape) == (b, h, tq, tk) and h > 1:
            fail(f"the weights of {what} have shape {tuple(w.shape)}, one map per head; nn.MultiheadAttention "
                 f"returns them averaged over the heads, ({b}, {tq}, {tk}).", hint="return weights.mean(dim=1).")
        expect_close(out, ref_out, f"the output of {what}", rtol=1e-4, atol=1e-5,
                     mistakes={c: m[0] for c, m in wrong.items()})
        expect_close(w, ref_w, f"the weights of {what}", rtol=1e-4, atol=1e-6,
                     mistakes={c: m[1] for c, m in wrong.items()},
                     hint="average the (B, H, Tq, Tk) weights over the heads (dim 1).")


def test_gradients_reach_the_parameters(exercise):
    mha = make_mha(8, 2, 7)
    x = torch.randn(2, 4, 8, generator=torch.Generator().manual_seed(3))
    with forbid_calls(BANNED, why=WHY):
        out, _ = pair(exercise.mha_forward(x, x, x, mha), "mha_forward(x, x, x, mha)")
    out.square().sum().backward()
    ref = make_mha(8, 2, 7)
    ref(x, x, x)[0].square().sum().backward()
    for name in ["in_proj_weight", "in_proj_bias", "out_proj.weight", "out_proj.bias"]:
        p, r = mha.get_parameter(name), ref.get_parameter(name)
        if p.grad is None:
            fail(f"mha.{name} got no gradient from your output.",
                 hint="use mha's parameters directly in the computation; no .detach(), .data or torch.no_grad().")
        expect_close(p.grad, r.grad, f"the gradient of mha.{name}", rtol=1e-4, atol=1e-5)


def test_no_builtin(exercise):
    expect_not_calling(exercise.mha_forward, ["scaled_dot_product_attention", "multi_head_attention_forward"],
                       why=WHY)
