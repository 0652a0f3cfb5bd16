"""rnn_bidirectional: a bidirectional GRU, built from two one-directional ones.

A bidirectional layer is two layers: one reads x as it is, the other reads x
reversed in time. The backward one's outputs are flipped back, so that
output[:, t] holds, side by side, the forward state after steps 0..t and the
backward state after steps T-1 down to t.
Write bidirectional(fwd, bwd, x): fwd and bwd are one-layer nn.GRU(batch_first=True)
of the same sizes, x (batch, T, input_size), no padding. Return (output
(batch, T, 2 * hidden), h_n (2, batch, hidden)), equal to what
nn.GRU(bidirectional=True) returns with fwd's weights as its *_l0 and bwd's as
its *_l0_reverse. Call fwd and bwd once each; not allowed: bidirectional=True.

Read: torch.flip, torch.cat, torch.nn.GRU (Outputs, the note on bidirectional)
"""
import torch
from torch import nn


def bidirectional(fwd: nn.GRU, bwd: nn.GRU, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    # TODO: run fwd on x and bwd on x reversed in time; put the backward outputs back in time order
    ...


if __name__ == "__main__":
    fwd, bwd = nn.GRU(3, 4, batch_first=True), nn.GRU(3, 4, batch_first=True)
    out, h_n = bidirectional(fwd, bwd, torch.randn(2, 5, 3))
    print(out.shape, h_n.shape)  # (2, 5, 8) and (2, 2, 4)
