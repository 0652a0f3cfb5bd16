import torch


def positional_encoding(length, d):
    t = torch.arange(length)
    two_i = torch.arange(0, d, 2)
    angles = torch.outer(t, 1.0 / 10000 ** (two_i / d))
    pe = torch.zeros_like(t).unsqueeze(1).repeat(1, d)
    pe[:, 0::2] = torch.sin(angles)
    pe[:, 1::2] = torch.cos(angles)
    return pe
