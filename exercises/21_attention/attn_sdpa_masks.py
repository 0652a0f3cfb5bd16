"""attn_sdpa_masks: the built-in attention, and which way round its mask goes.

causal_sdpa(q, k, v, pad=None): causal self-attention with
F.scaled_dot_product_attention; q, k, v are (B, H, T, d).
- pad None: no padding, so is_causal=True does it all.
- pad given: (B, T) bool, True = a padding KEY, the convention of
  nn.MultiheadAttention's key_padding_mask. F.scaled_dot_product_attention's
  bool attn_mask is the OPPOSITE: True = may attend. It refuses attn_mask and
  is_causal together, so build one (B, 1, T, T) mask: not the future, and not
  padding. Padding sits at the end; every sequence has at least one real token.
Return the output (B, H, T, d). Make the mask on q's device.

Read: F.scaled_dot_product_attention (attn_mask, is_causal), torch.tril
"""
import torch
import torch.nn.functional as F


def causal_sdpa(q: torch.Tensor, k: torch.Tensor, v: torch.Tensor, pad: torch.Tensor | None = None):
    T = q.shape[-2]
    # TODO: without pad, is_causal=True; with pad, one bool mask (True = may attend): the past and not padding
    ...


if __name__ == "__main__":
    q = k = v = torch.randn(2, 1, 4, 3)
    pad = torch.tensor([[False, False, False, True], [False, False, False, False]])
    print(causal_sdpa(q, k, v, pad))
