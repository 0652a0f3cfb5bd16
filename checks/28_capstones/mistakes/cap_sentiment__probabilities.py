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
        return torch.softmax(model(padded, lengths), dim=1)

