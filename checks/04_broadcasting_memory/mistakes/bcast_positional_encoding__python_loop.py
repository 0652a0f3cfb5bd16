import math

import torch


def positional_encoding(length, d):
    pe = torch.zeros(length, d)
    for t in range(length):
        for i in range(0, d, 2):
            pe[t, i] = math.sin(t / 10000 ** (i / d))
            pe[t, i + 1] = math.cos(t / 10000 ** (i / d))
    return pe
