"""attn_scaled_dot_product: attention from scratch.

Each query asks "which keys match me?": its scores are dot products with
every key, scaled by 1/sqrt(d) (d = the size of a query) so they do not grow
with d; a softmax over the KEYS turns them into weights that sum to 1; the
output is the weighted sum of the values:
    weights = softmax(q @ k^T / sqrt(d)),   output = weights @ v
q is (..., Tq, d), k is (..., Tk, d), v is (..., Tk, dv) with the same leading
batch dims (none, one or more). Return (output (..., Tq, dv), weights
(..., Tq, Tk)). Not allowed: F.scaled_dot_product_attention (you are writing it).

Read: torch.matmul, torch.Tensor.transpose, torch.softmax
"""
import math

import torch


def attention(q: torch.Tensor, k: torch.Tensor, v: torch.Tensor):
    scores = q @ k.transpose(-2, -1)
    weights = torch.softmax(scores, dim=-1)
    return weights @ v, weights


if __name__ == "__main__":
    q, k, v = torch.randn(2, 3, 4), torch.randn(2, 5, 4), torch.randn(2, 5, 6)
    out, w = attention(q, k, v)
    print(out.shape, w.shape, w.sum(-1))
