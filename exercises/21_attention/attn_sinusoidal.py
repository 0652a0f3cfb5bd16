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
    # TODO: the angles p / 10000 ** (2i / dim) for every position and every pair of columns, then
    # sin into the even columns, cos into the odd ones
    ...


if __name__ == "__main__":
    print(sinusoidal_encoding(4, 6))
