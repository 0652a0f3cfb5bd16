import torch
import torch.nn.functional as F

from dlings.testing import expect_close, expect_shape, expect_tensor, fail


def pair(result, what, names=None):
    if result is None or result is Ellipsis:
        fail(f"{what} gave None: finish the TODO and return (output, (k, v)).")
    if not (isinstance(result, (tuple, list)) and len(result) == 2):
        fail(f"{what} should return a pair (output, (k, v)); it returned {type(result).__name__}.",
             hint="end with `return self.proj(...), (k, v)`.")
    expect_tensor(result[0], f"the output of {what}")
    if not (isinstance(result[1], (tuple, list)) and len(result[1]) == 2):
        fail(f"{what} returned a cache of type {type(result[1]).__name__}; it should be the pair (k, v).")
    return result


def full_reference(attn, x):
    b, t, d = x.shape
    q, k, v = attn.qkv(x).view(b, t, 3, attn.n_heads, d // attn.n_heads).permute(2, 0, 3, 1, 4)
    a = F.scaled_dot_product_attention(q, k, v, is_causal=True)
    return attn.proj(a.transpose(1, 2).reshape(b, t, d)), (k, v)


def make(exercise, d, h, seed):
    torch.manual_seed(seed)
    return exercise.CachedSelfAttention(d, h).eval()


def run_in_chunks(attn, x, sizes, what):
    outs, cache, start = [], None, 0
    for size in sizes:
        chunk = x[:, start:start + size]
        step = f"{what}: the chunk of positions {start}..{start + size - 1}" + ("" if cache is None else
                                                                                f" with a cache of {start}")
        out, cache = pair(attn(chunk, cache), step, names=("output", "cache"))
        expect_shape(out, chunk.shape, f"the output of {step}")
        if not (isinstance(cache, (tuple, list)) and len(cache) == 2):
            fail(f"{step} returned a cache of type {type(cache).__name__}; it should be the pair (k, v).")
        for name, c in zip("kv", cache):
            expect_tensor(c, f"the cached {name} after {step}")
            want = (x.shape[0], attn.n_heads, start + size, x.shape[2] // attn.n_heads)
            if tuple(c.shape) != want:
                fail(f"after {step}, the cached {name} has shape {tuple(c.shape)}; it should hold all "
                     f"{start + size} positions so far: {want}.",
                     hint="return the concatenated k and v (old positions, then new ones) along dim 2, the "
                          "positions; not only the new ones, and not along dim 1 (the heads).")
        outs.append(out)
        start += size
    return torch.cat(outs, dim=1), cache


def test_full_forward_without_cache(exercise):
    attn = make(exercise, 8, 2, 0)
    x = torch.randn(2, 6, 8, generator=torch.Generator().manual_seed(0))
    out, cache = pair(attn(x), "attn(x) with no cache", names=("output", "cache"))
    ref, (k, v) = full_reference(attn, x)
    expect_close(out, ref, "attn(x) with no cache (causal self-attention over all 6 positions)", rtol=1e-4,
                 atol=1e-5, hint="without a cache P = 0 and the mask is the plain causal one.")
    expect_close(cache[0], k, "the k returned by attn(x) with no cache", rtol=1e-4, atol=1e-5)
    expect_close(cache[1], v, "the v returned by attn(x) with no cache", rtol=1e-4, atol=1e-5)


def test_cached_steps_equal_the_full_forward(exercise):
    g = torch.Generator().manual_seed(1)
    # chunk sizes: a prompt then one token at a time; chunks of two after a prompt; all single steps
    for i, (d, h, b, sizes) in enumerate([(8, 2, 2, [3, 1, 1, 1]), (12, 3, 1, [2, 2, 3]), (8, 4, 3, [1] * 5),
                                          (16, 2, 2, [4, 2, 1, 2])]):
        attn = make(exercise, d, h, i + 1)
        x = torch.randn(b, sum(sizes), d, generator=g)
        what = f"CachedSelfAttention({d}, {h}) fed chunks of sizes {sizes}"
        with torch.no_grad():
            got, cache = run_in_chunks(attn, x, sizes, what)
            ref, (k, v) = full_reference(attn, x)
        if not torch.allclose(got, ref, rtol=1e-4, atol=1e-5):
            bad = (got - ref).abs().amax(dim=(0, 2)) > 1e-4
            first = int(bad.nonzero()[0])
            fail(f"{what}: the outputs differ from one forward over all {sum(sizes)} positions, first at position "
                 f"{first}.",
                 hint="new token i sits at position P + i (P = cached positions) and sees keys 0..P + i: a (T_new, "
                      "P + T_new) mask torch.ones(...).tril(diagonal=P). is_causal=True aligns the triangle to the "
                      "top-left and lets a single new token see only key 0; and the old keys go first in torch.cat.")
        expect_close(cache[0], k, f"the final cached k of {what}", rtol=1e-4, atol=1e-5,
                     hint="old positions first: torch.cat([cache_k, k], dim=2).")
        expect_close(cache[1], v, f"the final cached v of {what}", rtol=1e-4, atol=1e-5)
