import torch
from torch.nn.utils.rnn import pad_sequence


def pad_collate(batch):
    seqs = [seq for seq, _ in batch]
    padded = pad_sequence(seqs)
    lengths = torch.tensor([len(seq) for seq in seqs])
    return padded, lengths, torch.stack([y for _, y in batch])
