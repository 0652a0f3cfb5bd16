"""attn_block: a pre-norm transformer block.

The block of GPT-2 and most models since normalises BEFORE each sub-layer and
adds the sub-layer's result to an untouched residual stream:
    x = x + attention(ln1(x))        (causal self-attention: query, key and value all ln1(x))
    x = x + mlp(ln2(x))
Write forward for x of shape (B, T, d). The attention is the given
nn.MultiheadAttention (batch_first=True); make it causal with its attn_mask,
a (T, T) bool mask where True means NOT allowed (the opposite of
F.scaled_dot_product_attention's bool mask). It returns (output, weights):
use the output.

Read: torch.nn.MultiheadAttention (attn_mask), torch.nn.LayerNorm, torch.triu
"""
import torch
from torch import nn


class Block(nn.Module):
    def __init__(self, d: int, n_heads: int):
        super().__init__()
        self.ln1, self.ln2 = nn.LayerNorm(d), nn.LayerNorm(d)
        self.attn = nn.MultiheadAttention(d, n_heads, batch_first=True)
        self.mlp = nn.Sequential(nn.Linear(d, 4 * d), nn.GELU(), nn.Linear(4 * d, d))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        T = x.shape[1]
        # TODO: the causal mask (True above the diagonal), then the two residual sub-layers
        future = torch.triu(torch.ones(T, T, dtype=torch.bool, device=x.device), diagonal=1)
        h = self.ln1(x)
        x = self.attn(h, h, h, attn_mask=future, need_weights=False)[0]
        return x + self.mlp(self.ln2(x))


if __name__ == "__main__":
    print(Block(8, 2)(torch.randn(2, 5, 8)).shape)
