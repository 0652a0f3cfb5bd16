"""attn_kv_cache: generate fast by caching keys and values.

When a GPT generates one token at a time, the keys and values of the earlier
tokens never change: keep them (the cache) and compute k, v only for the new
tokens. forward(x, cache) takes the NEW tokens x (B, T_new, d) and the cache
(k, v) of the P tokens before them, each (B, H, P, d // H), or None when
there are none. It returns (output (B, T_new, d), new cache (k, v) with all
P + T_new positions, old ones first). New token i sits at position P + i and
may attend to keys 0..P + i: with a cache, is_causal=True is NOT that mask
(it aligns the triangle to the top-left corner). The outputs must equal those
of one forward over the whole sequence, for any split into chunks.

Read: torch.cat, F.scaled_dot_product_attention (attn_mask, is_causal)
"""
import torch
import torch.nn.functional as F
from torch import nn


class CachedSelfAttention(nn.Module):
    def __init__(self, d: int, n_heads: int):
        super().__init__()
        self.n_heads = n_heads
        self.qkv, self.proj = nn.Linear(d, 3 * d), nn.Linear(d, d)

    def forward(self, x: torch.Tensor, cache=None):
        B, T, d = x.shape
        q, k, v = self.qkv(x).view(B, T, 3, self.n_heads, d // self.n_heads).permute(2, 0, 3, 1, 4)
        # TODO: put the cached k, v in front of the new ones; a mask that lets new token i see keys 0..P + i
        if cache is not None:
            k, v = torch.cat([cache[0], k], dim=1), torch.cat([cache[1], v], dim=1)
        P = k.shape[2] - T
        allowed = torch.ones(T, P + T, dtype=torch.bool, device=x.device).tril(diagonal=P)
        a = F.scaled_dot_product_attention(q, k, v, attn_mask=allowed)
        return self.proj(a.transpose(1, 2).reshape(B, T, d)), (k, v)


if __name__ == "__main__":
    attn = CachedSelfAttention(8, 2)
    x = torch.randn(1, 5, 8)
    full, _ = attn(x)
    first, cache = attn(x[:, :3])
    rest, cache = attn(x[:, 3:], cache)
    print((torch.cat([first, rest], 1) - full).abs().max())
