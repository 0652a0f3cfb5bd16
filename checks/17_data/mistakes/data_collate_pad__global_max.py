import torch


def pad_collate(batch):
    padded = torch.zeros(len(batch), 20, dtype=torch.long)
    for i, (seq, _) in enumerate(batch):
        padded[i, :len(seq)] = seq
    lengths = torch.tensor([len(seq) for seq, _ in batch])
    return padded, lengths, torch.stack([y for _, y in batch])
