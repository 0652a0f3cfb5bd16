"""attn_sinusoidal: positions as fixed sines and cosines ("Attention Is All You Need").

Attention itself ignores order, so the transformer adds a position code to
each token. sinusoidal_encoding(length, dim) returns the (length, dim)
float32 table PE with, for position p = 0..length-1 and i = 0, 1, ...:
    PE[p, 2i]     = sin(p / 10000 ** (2i / dim))     (even columns)
    PE[p, 2i + 1] = cos(p / 10000 ** (2i / dim))     (odd columns)
Any length >= 1 and any dim >= 1, odd dims too (the last column is then a sin).

Read: torch.arange, torch.sin, torch.cos, slicing with a step (x[:, 0::2])
"""
import torch


def sinusoidal_encoding(length: int, dim: int) -> torch.Tensor:
    pos = torch.arange(length, dtype=torch.float64)[:, None]
    angle = pos / 10000 ** (torch.arange(0, dim, 2, dtype=torch.float64) / dim)
    pe = torch.zeros(length, dim, dtype=torch.float64)
    pe[:, 0::2] = torch.sin(angle)
    pe[:, 1::2] = torch.cos(angle[:, : dim // 2])
    return pe.float()


if __name__ == "__main__":
    print(sinusoidal_encoding(4, 6))
