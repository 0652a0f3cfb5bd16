"""bcast_positional_encoding: sinusoidal position codes (broadcasting and step slices).

A Transformer adds to the token at position t the vector pe[t], where for
i = 0, 1, ..., d/2 - 1:
    pe[t, 2i]     = sin(t / 10000 ** (2i / d))
    pe[t, 2i + 1] = cos(t / 10000 ** (2i / d))

Make `positional_encoding(length, d)` return this (length, d) float32 table
(d is even). Use whole-tensor operations: arange for t and for 2i, a
broadcast (length, 1) against (d/2,) for the table of angles (as in
bcast_outer_sum), and step-slice assignment such as pe[:, 0::2] = ...
(index_slicing); no Python loops (the check reads your code). Mind the
dtypes: a table that starts as an int64 tensor truncates every sin and cos.

Read: torch.arange, torch.sin, torch.cos, "Broadcasting semantics", slicing with a step
"""
import torch


def positional_encoding(length, d):
    t = torch.arange(length, dtype=torch.float32)
    two_i = torch.arange(0, d, 2, dtype=torch.float32)
    angles = t[:, None] / 10000 ** (two_i / d)   # (length, 1) against (d/2,): (length, d/2)
    pe = torch.zeros(length, d)
    pe[:, 0::2] = torch.sin(angles)
    pe[:, 1::2] = torch.cos(angles)
    return pe


if __name__ == "__main__":
    torch.set_printoptions(precision=3)
    print(positional_encoding(4, 6))
