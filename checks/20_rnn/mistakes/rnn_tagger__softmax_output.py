"""rnn_tagger: tag every token, when the tag depends on what comes NEXT.

A tagger gives one label per token, so it classifies the RNN's `output` at
every step, not h_n. Here token t's tag is 1 when the NEXT token is larger
(the last token's tag is 0). A left-to-right RNN at step t has not seen
token t + 1 yet and can only guess from token t (about 74 % right); a
bidirectional one has, in its backward half.
Write Tagger(vocab_size): forward(ids) takes token ids (batch, T) int64 and
returns logits (batch, T, 2). Suggested: nn.Embedding, a bidirectional
nn.LSTM (batch_first=True), a linear head on every step of its output (sizes
up to 64). The check trains it for 2 epochs (Adam, lr 0.01, batch 64) on 1500
sequences of 12 tokens from a vocabulary of 10 and needs 90 % of the test
tags right.

Read: torch.nn.LSTM (bidirectional, output), torch.nn.Embedding
"""
import torch
from torch import nn


class Tagger(nn.Module):
    def __init__(self, vocab_size: int, hidden: int = 32):
        super().__init__()
        self.embed = nn.Embedding(vocab_size, 16)
        self.rnn = nn.LSTM(16, hidden, batch_first=True, bidirectional=True)
        self.head = nn.Linear(2 * hidden, 2)

    def forward(self, ids: torch.Tensor) -> torch.Tensor:
        output, _ = self.rnn(self.embed(ids))
        return torch.softmax(self.head(output), dim=-1)


if __name__ == "__main__":
    ids = torch.randint(0, 10, (2, 12))
    print(ids[0], Tagger(10)(ids).argmax(-1)[0])
