import torch
from torch.nn.utils.rnn import pad_sequence


def pad_collate(batch):
    padded = pad_sequence([seq for seq, _ in batch], batch_first=True)
    lengths = torch.tensor([len(seq) for seq, _ in batch])
    labels = torch.tensor([int(y) for _, y in batch])
    return padded, lengths, labels
