"""rnn_greedy_decode: answer with a seq2seq model, feeding back its own tokens.

At inference there is no target to feed (no teacher forcing): the decoder
starts from the encoder's state and <bos>, and each step's most likely
token (argmax) becomes the next step's input, carrying the state along.
Write greedy_decode(model, src, bos_id, steps) for src (batch, S) int64:
return the (batch, steps) int64 tokens the decoder chose, <bos> NOT
included, one decode call per step. Run it without building a graph.

Read: torch.argmax, torch.no_grad, torch.cat, dlings.data.arithmetic
"""
import torch
from torch import nn

from dlings import data


class Seq2Seq(nn.Module):
    """Given: encode(src) -> state (1, batch, hidden); decode(inp, state) -> (logits (batch, T, vocab), state)."""

    def __init__(self, vocab_size: int, hidden: int = 32):
        super().__init__()
        self.embed = nn.Embedding(vocab_size, 16, padding_idx=0)
        self.encoder = nn.GRU(16, hidden, batch_first=True)
        self.decoder = nn.GRU(16, hidden, batch_first=True)
        self.head = nn.Linear(hidden, vocab_size)

    def encode(self, src):
        return self.encoder(self.embed(src))[1]

    def decode(self, inp, state):
        out, state = self.decoder(self.embed(inp), state)
        return self.head(out), state


@torch.no_grad()
def greedy_decode(model, src, bos_id, steps):
    # TODO: start from the encoder's state and <bos>; feed each argmax back in
    state = model.encode(src)
    tok = torch.full((src.shape[0], 1), bos_id, dtype=torch.long)
    out = [tok]
    for _ in range(steps):
        logits, state = model.decode(tok, state)
        tok = logits.argmax(-1)
        out.append(tok)
    return torch.cat(out, dim=1)


if __name__ == "__main__":
    texts = data.arithmetic(4, seed=0)
    vocab = data.Vocab.build(texts, level="char", specials=("<pad>", "<unk>", "<bos>"))
    src, _ = vocab.encode_batch([t.split("=")[0] for t in texts])
    print(greedy_decode(Seq2Seq(len(vocab)), src, vocab.stoi["<bos>"], 3))
