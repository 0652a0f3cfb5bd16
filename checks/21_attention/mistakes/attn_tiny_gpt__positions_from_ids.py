"""attn_tiny_gpt: a tiny character-level GPT.

A GPT turns token ids (B, T) into next-token logits (B, T, vocab):
    h = tok(idx) + pos(positions 0..T-1)      (token embedding + learned position embedding)
    h = blocks(h)                             (causal pre-norm blocks, given below)
    logits = head(ln_f(h))
Write forward. The positions are torch.arange(T) on idx's device; T may be
anything up to block_size. The check trains your model for a few seconds on
the grammar corpus: it must get far below what a bigram model (next char from
the current char alone) can reach.

Read: torch.nn.Embedding, torch.arange
"""
import torch
import torch.nn.functional as F
from torch import nn


class Block(nn.Module):
    def __init__(self, d: int, n_heads: int):
        super().__init__()
        self.ln1, self.ln2, self.n_heads = nn.LayerNorm(d), nn.LayerNorm(d), n_heads
        self.qkv, self.proj = nn.Linear(d, 3 * d), nn.Linear(d, d)
        self.mlp = nn.Sequential(nn.Linear(d, 4 * d), nn.GELU(), nn.Linear(4 * d, d))

    def forward(self, x):
        B, T, d = x.shape
        q, k, v = self.qkv(self.ln1(x)).view(B, T, 3, self.n_heads, d // self.n_heads).permute(2, 0, 3, 1, 4)
        a = F.scaled_dot_product_attention(q, k, v, is_causal=True)
        x = x + self.proj(a.transpose(1, 2).reshape(B, T, d))
        return x + self.mlp(self.ln2(x))


class TinyGPT(nn.Module):
    def __init__(self, vocab_size: int, block_size: int, d: int = 32, n_layers: int = 2, n_heads: int = 4):
        super().__init__()
        self.block_size = block_size
        self.tok = nn.Embedding(vocab_size, d)
        self.pos = nn.Embedding(block_size, d)
        self.blocks = nn.Sequential(*[Block(d, n_heads) for _ in range(n_layers)])
        self.ln_f = nn.LayerNorm(d)
        self.head = nn.Linear(d, vocab_size)

    def forward(self, idx: torch.Tensor) -> torch.Tensor:
        # TODO: token + position embeddings, the blocks, the final LayerNorm, the head
        T = idx.shape[1]
        h = self.tok(idx) + self.pos(idx)
        return self.head(self.ln_f(self.blocks(h)))


if __name__ == "__main__":
    model = TinyGPT(vocab_size=30, block_size=16)
    print(model(torch.randint(0, 30, (2, 10))).shape)  # (2, 10, 30)
