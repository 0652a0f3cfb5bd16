"""attn_sinusoidal: (a learner's answer)"""
import math

import torch

def sinusoidal_encoding(length: int, dim: int) -> torch.Tensor:
    pos = torch.arange(length, dtype=torch.float32)[:, None]
    i = torch.arange((dim + 1) // 2, dtype=torch.float32)
    angle = pos / 10000 ** (i / dim)
    pe = torch.zeros(length, dim)
    pe[:, 0::2] = torch.sin(angle)
    pe[:, 1::2] = torch.cos(angle[:, : dim // 2])
    return pe
