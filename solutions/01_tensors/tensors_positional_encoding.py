"""tensors_positional_encoding: sinusoidal position codes (putting it together).

A Transformer adds to the token at position t the vector pe[t], where for
i = 0, 1, ..., d/2 - 1:
    pe[t, 2i]     = sin(t / 10000 ** (2i / d))
    pe[t, 2i + 1] = cos(t / 10000 ** (2i / d))

Make `positional_encoding(length, d)` return this (length, d) float32 table
(d is even). Use whole-tensor operations: arange for t and for 2i, float
arithmetic, torch.outer (or broadcasting), and slice assignment such as
pe[:, 0::2] = ...; no Python loops (the check reads your code). Mind the
dtypes: a table that starts as an int64 tensor truncates every sin and cos.

Read: torch.arange, torch.outer, torch.sin, torch.cos, slicing with a step
"""
import torch


def positional_encoding(length, d):
    t = torch.arange(length, dtype=torch.float32)
    two_i = torch.arange(0, d, 2, dtype=torch.float32)
    angles = torch.outer(t, 1.0 / 10000 ** (two_i / d))   # (length, d/2)
    pe = torch.zeros(length, d)
    pe[:, 0::2] = torch.sin(angles)
    pe[:, 1::2] = torch.cos(angles)
    return pe


if __name__ == "__main__":
    torch.set_printoptions(precision=3)
    print(positional_encoding(4, 6))
