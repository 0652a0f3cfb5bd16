"""attn_mha_masks: nn.MultiheadAttention's two masks, each for its own job.

nn.MultiheadAttention takes two bool masks, both with True = NOT allowed:
key_padding_mask (B, S) marks the padding KEYS of each sequence of the batch;
attn_mask (L, S) is one pattern for every sequence (which query may see which
key). Write encode_padded(mha, x, lengths, window=None): self-attention over a
padded batch x (B, T, E) (mha has batch_first=True; padding at the end;
lengths (B,) int64, each >= 1). window None: every real token attends to all
real tokens; window w (an int >= 0): token i only to tokens j with |i - j| <= w.
Return the output (B, T, E), with padded positions exactly 0; each sequence's
real positions must equal what mha gives for that sequence alone, unpadded.
A padded query whose window holds only padding has no key left, and mha gives
NaN there: its row must still come out 0 (NaN * 0 is NaN).

Read: torch.nn.MultiheadAttention (key_padding_mask, attn_mask), torch.arange, broadcasting
"""
import torch
from torch import nn


def encode_padded(mha: nn.MultiheadAttention, x: torch.Tensor, lengths: torch.Tensor,
                  window: int | None = None) -> torch.Tensor:
    # TODO: the padding mask (B, T), the window mask (T, T) when window is given; run mha; zero the padded rows
    ...


if __name__ == "__main__":
    mha = nn.MultiheadAttention(8, 2, batch_first=True)
    x = torch.randn(2, 5, 8)
    out = encode_padded(mha, x, torch.tensor([3, 5]), window=1)
    alone = mha(x[:1, :3], x[:1, :3], x[:1, :3], attn_mask=torch.tensor([[0, 0, 1], [0, 0, 0], [1, 0, 0]]).bool())[0]
    print(out[0], alone[0], sep="\n")
