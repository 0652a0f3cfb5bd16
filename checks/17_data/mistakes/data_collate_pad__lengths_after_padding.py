import torch
from torch.nn.utils.rnn import pad_sequence


def pad_collate(batch):
    padded = pad_sequence([seq for seq, _ in batch], batch_first=True)
    lengths = torch.tensor([len(row) for row in padded])
    return padded, lengths, torch.stack([y for _, y in batch])
