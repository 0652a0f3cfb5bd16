"""rnn_carry_state: read a long sequence in pieces, carrying (h, c) from one to the next.

nn.LSTM accepts a starting state (h_0, c_0), each (num_layers, batch, hidden)
for one direction: the same layout as the (h_n, c_n) it returns. So a
sequence read in pieces, each piece starting from the state the previous
one ended with, gives exactly what one pass over the whole sequence gives
(a stream, a text too long to hold at once).
Write run_in_chunks(lstm, x, chunk, state): lstm is an nn.LSTM(batch_first=True),
one direction, any num_layers; x (batch, T, input_size); chunk >= 1 steps per
piece, the last piece shorter when chunk does not divide T (chunk > T: one
piece); state None (zeros) or a tuple (h_0, c_0) to start from. Call lstm once
per piece and return (output (batch, T, hidden), (h_n, c_n)), equal to lstm(x, state)
(its gradients too: the pieces stay one graph).

Read: torch.nn.LSTM (Inputs: h_0, c_0; Outputs), torch.Tensor.split, torch.cat
"""
import torch
from torch import nn


def run_in_chunks(lstm: nn.LSTM, x: torch.Tensor, chunk: int,
                  state: tuple[torch.Tensor, torch.Tensor] | None = None):
    outputs = []
    for piece in x.split(chunk, dim=1):
        out, state = lstm(piece, state)
        outputs.append(out)
    return torch.cat(outputs, dim=1), state


if __name__ == "__main__":
    lstm = nn.LSTM(3, 4, num_layers=2, batch_first=True)
    x = torch.randn(2, 7, 3)
    out, (h, c) = run_in_chunks(lstm, x, chunk=3)
    print((out - lstm(x)[0]).abs().max())  # 0: the same as one pass
