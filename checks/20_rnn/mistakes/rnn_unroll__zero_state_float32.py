"""rnn_unroll: run a cell over a whole sequence, carrying the hidden state.

An RNN layer is one cell applied at every time step, each step getting the
hidden state the previous step produced. Write unroll(cell, x, h0): x has
shape (seq_len, batch, input_size) (time first, nn.RNN's default layout),
cell is an nn.RNNCell, h0 of shape (batch, hidden_size) or None (zeros).
Return (output, h_last): output (seq_len, batch, hidden_size) holds the
hidden state after every step, h_last (batch, hidden_size) the one after the
last step. The result equals nn.RNN with the same weights.

Read: torch.nn.RNNCell, torch.nn.RNN (Inputs/Outputs), torch.stack
"""
import torch
from torch import nn


def unroll(cell: nn.RNNCell, x: torch.Tensor, h0: torch.Tensor | None = None) -> tuple[torch.Tensor, torch.Tensor]:
    # TODO: step through time, feeding each step's hidden state to the next
    h = h0 if h0 is not None else torch.zeros(x.shape[1], cell.hidden_size)
    outputs = []
    for t in range(x.shape[0]):
        h = cell(x[t], h)
        outputs.append(h)
    return torch.stack(outputs), h


if __name__ == "__main__":
    cell = nn.RNNCell(3, 4)
    out, h = unroll(cell, torch.randn(5, 2, 3))
    print(out.shape, h.shape)
