"""attn_causal_mask: a language model must not see the future.

In a causal (decoder) self-attention, the query at position i may attend to
keys 0..i only: itself and the past. Set the scores of the future positions
(key j > i) to -inf BEFORE the softmax, so their weights come out exactly 0
and every row still sums to 1.
q, k, v are (..., T, d) (T the same for all three; d of v may differ).
Return (output, weights) as in attn_scaled_dot_product, scale 1/sqrt(d).
Make the mask on the inputs' device. Not allowed: F.scaled_dot_product_attention.

Read: torch.tril (or torch.triu), torch.Tensor.masked_fill
"""
import math

import torch


def causal_attention(q: torch.Tensor, k: torch.Tensor, v: torch.Tensor):
    T = q.shape[-2]
    scores = q @ k.transpose(-2, -1) / math.sqrt(q.shape[-1])
    # TODO: a (T, T) bool mask of the future (device=q.device), -inf there, then softmax and the weighted sum
    ...


if __name__ == "__main__":
    q = k = v = torch.randn(4, 3)
    out, w = causal_attention(q, k, v)
    print(w)
