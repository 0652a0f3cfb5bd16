import torch
import torch.nn.functional as F
from torch import nn

from dlings import data


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
        self.tok, self.pos = nn.Embedding(vocab_size, d), nn.Embedding(block_size, d)
        self.blocks = nn.Sequential(*[Block(d, n_heads) for _ in range(n_layers)])
        self.ln_f, self.head = nn.LayerNorm(d), nn.Linear(d, vocab_size)

    def forward(self, idx: torch.Tensor) -> torch.Tensor:
        h = self.tok(idx) + self.pos(torch.arange(idx.shape[1], device=idx.device))
        return self.head(self.ln_f(self.blocks(h)))


def train_gpt(text: str, steps: int, block_size: int = 32):
    vocab = data.Vocab.build(text, specials=())
    ids = vocab.encode(text)
    model = TinyGPT(len(vocab), block_size)
    opt = torch.optim.AdamW(model.parameters(), lr=1e-2)
    model.train()
    for _ in range(steps):
        starts = torch.randint(0, len(ids) - block_size - 1, (32, 1))
        window = ids[starts + torch.arange(block_size + 1)]
        logits = model(window[:, :-1])
        loss = F.cross_entropy(logits.reshape(-1, len(vocab)), window[:, :-1].reshape(-1))
        opt.zero_grad()
        loss.backward()
        opt.step()
    return model, vocab


def generate(model, vocab, prompt: str, n_chars: int, generator=None) -> str:
    model.eval()
    ids = vocab.encode(prompt)
    with torch.no_grad():
        for _ in range(n_chars):
            logits = model(ids[-model.block_size:][None])[0, -1]
            nxt = torch.multinomial(torch.softmax(logits, dim=-1), 1, generator=generator)
            ids = torch.cat([ids, nxt])
    return vocab.decode(ids)

