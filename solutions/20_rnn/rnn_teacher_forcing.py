"""rnn_teacher_forcing: the training loss of a seq2seq model, with teacher forcing.

A seq2seq model encodes the question ("46+16") into a state and decodes the
answer ("62") one token at a time, each step fed the previous token. In
training, feed the TRUE previous tokens (teacher forcing), not the model's
own guesses: the decoder input is <bos> followed by the target without its
last token, and step t must predict target token t.
Write teacher_forcing_loss(model, src, tgt, bos_id) for src (batch, S) and
tgt (batch, T) int64, padded with 0: encode src, decode the shifted-right
target from the encoder's state (one call reads it all), and return the
mean cross-entropy over the real (non-padding) target tokens.

Read: torch.nn.functional.cross_entropy (ignore_index), torch.cat, dlings.data.arithmetic
"""
import torch
import torch.nn.functional as F
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


def teacher_forcing_loss(model, src, tgt, bos_id):
    # TODO: decoder input = <bos> + tgt without its last token; loss on tgt, padding ignored
    bos = torch.full_like(tgt[:, :1], bos_id)
    inp = torch.cat([bos, tgt[:, :-1]], dim=1)
    logits, _ = model.decode(inp, model.encode(src))
    return F.cross_entropy(logits.reshape(-1, logits.shape[-1]), tgt.reshape(-1), ignore_index=0)


if __name__ == "__main__":
    pairs = [s.split("=") for s in data.arithmetic(4, seed=0)]
    vocab = data.Vocab.build(data.arithmetic(4, seed=0), level="char", specials=("<pad>", "<unk>", "<bos>"))
    src, _ = vocab.encode_batch([q for q, _ in pairs])
    tgt, _ = vocab.encode_batch([a for _, a in pairs])
    print(teacher_forcing_loss(Seq2Seq(len(vocab)), src, tgt, vocab.stoi["<bos>"]))
