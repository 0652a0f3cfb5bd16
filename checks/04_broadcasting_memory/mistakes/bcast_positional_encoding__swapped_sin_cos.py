import torch


def positional_encoding(length, d):
    t = torch.arange(length, dtype=torch.float32)
    two_i = torch.arange(0, d, 2, dtype=torch.float32)
    angles = torch.outer(t, 1.0 / 10000 ** (two_i / d))
    pe = torch.zeros(length, d)
    pe[:, 0::2] = torch.cos(angles)
    pe[:, 1::2] = torch.sin(angles)
    return pe
