"""attn_learned_positions: positions as a learned table, like GPT-2 and BERT.

Instead of fixed sines, learn one vector per position: a second nn.Embedding
with max_len rows, position p's row added to the token embedding at p.
TokenAndPosition(vocab_size, max_len, dim) has self.tok (vocab_size rows) and
self.pos (max_len rows), both nn.Embedding of width dim, and self.max_len.
forward(idx) takes token ids (B, T) and returns (B, T, dim): the embedding of
token idx[b, t] plus the embedding of POSITION t (0..T-1, made on idx's device).
A sequence longer than max_len has no position rows: raise a ValueError whose
message gives T and max_len. T == max_len is fine.

Read: nn.Embedding, torch.arange (device=)
"""
import torch
from torch import nn


class TokenAndPosition(nn.Module):
    def __init__(self, vocab_size: int, max_len: int, dim: int):
        super().__init__()
        # TODO: self.max_len, and the two tables self.tok and self.pos
        ...

    def forward(self, idx: torch.Tensor) -> torch.Tensor:
        T = idx.shape[1]
        # TODO: a ValueError past max_len; then token embeddings plus position embeddings
        ...


if __name__ == "__main__":
    emb = TokenAndPosition(10, 4, 3)
    print(emb(torch.tensor([[1, 2, 3]])).shape)
