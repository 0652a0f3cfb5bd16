"""rnn_cell: one step of a vanilla RNN, written from its formula.

An RNN reads a sequence one step at a time and keeps a hidden state h that
carries what it has seen so far. One step of nn.RNNCell (tanh) computes
    h_new = tanh(x @ W_ih.T + b_ih + h @ W_hh.T + b_hh)
with x of shape (batch, input_size) and h of shape (batch, hidden_size).
Write MyRNNCell so that it matches nn.RNNCell: the same four parameters with
the same names and shapes (so `load_state_dict` of an nn.RNNCell's state
works), each initialised uniform in [-1/sqrt(hidden_size), 1/sqrt(hidden_size)],
and h=None meaning a zero hidden state (the dtype and device of x).
Not allowed: nn.RNNCell, nn.RNN, torch.rnn_tanh_cell.

Read: torch.nn.RNNCell (Variables), torch.nn.init.uniform_, torch.tanh
"""
import math

import torch
from torch import nn


class MyRNNCell(nn.Module):
    def __init__(self, input_size: int, hidden_size: int):
        super().__init__()
        self.hidden_size = hidden_size
        # TODO: four parameters, named and shaped as in nn.RNNCell, initialised as it does
        raise NotImplementedError

    def forward(self, x: torch.Tensor, h: torch.Tensor | None = None) -> torch.Tensor:
        # TODO: h=None is a zero state; then one tanh step
        raise NotImplementedError


if __name__ == "__main__":
    cell = MyRNNCell(3, 4)
    ref = nn.RNNCell(3, 4)
    cell.load_state_dict(ref.state_dict())
    x = torch.randn(2, 3)
    print(cell(x))
    print(ref(x))
