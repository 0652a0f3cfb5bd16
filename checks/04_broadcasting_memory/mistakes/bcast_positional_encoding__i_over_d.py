import torch


def positional_encoding(length, d):
    t = torch.arange(length, dtype=torch.float32)
    i = torch.arange(d // 2, dtype=torch.float32)
    angles = torch.outer(t, 1.0 / 10000 ** (i / d))
    pe = torch.zeros(length, d)
    pe[:, 0::2] = torch.sin(angles)
    pe[:, 1::2] = torch.cos(angles)
    return pe
