"""cap_tiny_gpt: from raw text to a model that writes, end to end.

TinyGPT (track 21, finished below) is given. Write:
- train_gpt(text, steps, block_size=32) -> (model, vocab): a character
  vocabulary of text (data.Vocab.build(text, specials=())), a TinyGPT, and
  `steps` AdamW steps (lr 1e-2) on batches of 32 random windows of text:
  inputs ids[i : i + block_size], targets the same window shifted by one
  character (ids[i + 1 : i + block_size + 1]), cross-entropy over every
  position. Return the model and the vocabulary.
- generate(model, vocab, prompt, n_chars, generator) -> str: the prompt
  followed by n_chars sampled characters. Each step: in eval mode without
  gradients, run the model on the LAST model.block_size ids at most (a
  longer prompt is cropped from the left), take the logits of the last
  position, draw one id from their softmax with torch.multinomial(...,
  generator=generator), and append it.

Read: torch.nn.functional.cross_entropy, torch.optim.AdamW, torch.multinomial, dlings.data.Vocab
"""
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
        loss = F.cross_entropy(logits.reshape(-1, len(vocab)), window[:, 1:].reshape(-1))
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


if __name__ == "__main__":
    torch.manual_seed(0)
    model, vocab = train_gpt(data.grammar_text(30_000, seed=0), steps=200)
    print(generate(model, vocab, "The ", 200, torch.Generator().manual_seed(0)))
