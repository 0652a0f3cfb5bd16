"""attn_mha_by_hand: multi-head attention, by hand, equal to nn.MultiheadAttention.

`mha` is an nn.MultiheadAttention(E, H, batch_first=True) (with biases, no
dropout). Compute what mha(query, key, value) returns, from its parameters:
 1. project: q = query @ Wq^T + bq, likewise k and v, where mha.in_proj_weight
    (3E, E) stacks [Wq; Wk; Wv] and mha.in_proj_bias (3E,) stacks [bq; bk; bv];
 2. split E into H heads of size E // H: (B, T, E) -> (B, H, T, E // H);
 3. attention per head, scaled by 1/sqrt(E // H) (the HEAD size);
 4. merge the heads back to (B, Tq, E) and apply mha.out_proj (an nn.Linear).
Return (output (B, Tq, E), weights averaged over the heads (B, Tq, Tk)).
Not allowed: calling mha, F.multi_head_attention_forward, F.scaled_dot_product_attention.

Read: torch.nn.MultiheadAttention, torch.Tensor.chunk, torch.Tensor.view, torch.Tensor.transpose
"""
import math

import torch
from torch import nn


def mha_forward(query: torch.Tensor, key: torch.Tensor, value: torch.Tensor, mha: nn.MultiheadAttention):
    B, Tq, E = query.shape
    Tk, H = key.shape[1], mha.num_heads
    hd = E // H
    Wq, Wk, Wv = mha.in_proj_weight.chunk(3)
    bq, bk, bv = mha.in_proj_bias.chunk(3)
    # TODO: project, split into heads, attend per head, merge, out_proj; average the weights over the heads
    ...

if __name__ == "__main__":
    mha = nn.MultiheadAttention(8, 2, batch_first=True)
    x = torch.randn(2, 5, 8)
    out, w = mha_forward(x, x, x, mha)
    print((out - mha(x, x, x)[0]).abs().max())
