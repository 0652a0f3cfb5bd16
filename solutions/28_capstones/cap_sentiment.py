"""cap_sentiment: a sentiment classifier for raw text, end to end.

SentimentLSTM (track 20, finished below) reads padded word ids and lengths.
Around it, write the pipeline that turns strings into predictions:
- fit_sentiment(texts, labels, epochs=3) -> (model, vocab): a WORD-level
  data.Vocab of the training texts with its <pad> and <unk> specials (words
  never seen in training become <unk> later), a SentimentLSTM, and `epochs`
  passes of Adam (lr 0.01) over shuffled batches of 64 reviews (labels: an
  int64 tensor, 1 positive, 0 negative).
- predict(model, vocab, texts) -> int64 tensor (len(texts),): the predicted
  label of each text, in the order given, in eval mode without gradients.
  Texts may hold words the vocabulary has never seen.

Read: dlings.data.Vocab (build, encode_batch), torch.randperm, torch.nn.Module.eval
"""
import torch
import torch.nn.functional as F
from torch import nn
from torch.nn.utils.rnn import pack_padded_sequence

from dlings import data


class SentimentLSTM(nn.Module):
    def __init__(self, vocab_size: int):
        super().__init__()
        self.embed = nn.Embedding(vocab_size, 16, padding_idx=0)
        self.lstm = nn.LSTM(16, 32, batch_first=True)
        self.head = nn.Linear(32, 2)

    def forward(self, padded: torch.Tensor, lengths: torch.Tensor) -> torch.Tensor:
        packed = pack_padded_sequence(self.embed(padded), lengths.cpu(), batch_first=True, enforce_sorted=False)
        _, (h_n, _) = self.lstm(packed)
        return self.head(h_n[-1])


def fit_sentiment(texts, labels, epochs: int = 3):
    vocab = data.Vocab.build(texts, level="word")
    padded, lengths = vocab.encode_batch(texts)
    model = SentimentLSTM(len(vocab))
    opt = torch.optim.Adam(model.parameters(), lr=0.01)
    model.train()
    for _ in range(epochs):
        perm = torch.randperm(len(texts))
        for i in range(0, len(texts), 64):
            b = perm[i:i + 64]
            loss = F.cross_entropy(model(padded[b], lengths[b]), labels[b])
            opt.zero_grad()
            loss.backward()
            opt.step()
    return model, vocab


def predict(model, vocab, texts) -> torch.Tensor:
    model.eval()
    padded, lengths = vocab.encode_batch(texts)
    with torch.no_grad():
        return model(padded, lengths).argmax(dim=1)


if __name__ == "__main__":
    train = data.sentiment(2000, seed=0)
    model, vocab = fit_sentiment(train.texts, train.y)
    print(predict(model, vocab, ["the food was not bad but the service is very dull", "the zorblax was good"]))
