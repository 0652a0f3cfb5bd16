"""attn_padding_mask: padding keys get no attention.

A batch of sentences of different lengths is padded to one length; the
padding tokens must not be attended to. `pad` (B, Tk) is True at the padding
KEYS. q is (B, Tq, d), k (B, Tk, d), v (B, Tk, dv): set the scores of padded
keys to -inf before the softmax (broadcast the mask over the queries).
A query whose keys are ALL padding has nothing to attend to: its weights and
its output must be all zeros (not NaN, not a uniform average).
Return (output, weights); scale 1/sqrt(d). Not allowed: F.scaled_dot_product_attention.

Read: torch.Tensor.masked_fill, broadcasting with None (unsqueeze), torch.nan_to_num
"""
import math

import torch


def padded_attention(q: torch.Tensor, k: torch.Tensor, v: torch.Tensor, pad: torch.Tensor):
    scores = q @ k.transpose(-2, -1) / math.sqrt(q.shape[-1])  # (B, Tq, Tk)
    # TODO: -inf at the padded keys, softmax, zero weights where a row had no real key, then the weighted sum
    weights = torch.softmax(scores.masked_fill(pad[:, None, :], float("-inf")), dim=-1)
    weights = weights.masked_fill(pad.all(-1)[:, None, None], 0.0)
    return weights @ v, weights


if __name__ == "__main__":
    q = k = v = torch.randn(2, 3, 4)
    pad = torch.tensor([[False, False, True], [True, True, True]])
    print(padded_attention(q, k, v, pad)[1])
