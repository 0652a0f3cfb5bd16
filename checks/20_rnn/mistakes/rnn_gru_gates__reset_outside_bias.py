"""rnn_gru_gates: one GRU step by hand, equal to nn.GRU with its weights.

A GRU keeps one state h and mixes it with a candidate n through two gates.
nn.GRU stacks the three parts in weight_ih (3*hidden, input) and weight_hh
(3*hidden, hidden), in the order reset r, update z, candidate n:
    r = sigmoid(W_ir x + b_ir + W_hr h + b_hr)
    z = sigmoid(W_iz x + b_iz + W_hz h + b_hz)
    n = tanh(W_in x + b_in + r * (W_hn h + b_hn))
    h_new = (1 - z) * n + z * h
Write gru_step(x, h, weight_ih, weight_hh, bias_ih, bias_hh) -> h_new for
x (batch, input_size) and h (batch, hidden_size). Called with an nn.GRU's
weight_ih_l0, ... at every step, it must reproduce nn.GRU.
Not allowed: nn.GRU, nn.GRUCell, torch.gru_cell.

Read: torch.nn.GRU (the equations and Variables), torch.Tensor.chunk
"""
import torch


def gru_step(x, h, weight_ih, weight_hh, bias_ih, bias_hh):
    # TODO: r and z from both halves; r scales only the h half of n
    gi = x @ weight_ih.T + bias_ih
    gh = h @ weight_hh.T + bias_hh
    i_r, i_z, i_n = gi.chunk(3, dim=1)
    h_r, h_z, h_n = gh.chunk(3, dim=1)
    r = torch.sigmoid(i_r + h_r)
    z = torch.sigmoid(i_z + h_z)
    n = torch.tanh(i_n + r * (h @ weight_hh[2 * h.shape[1]:].T) + bias_hh[2 * h.shape[1]:])
    return (1 - z) * n + z * h


if __name__ == "__main__":
    gru = torch.nn.GRU(3, 2)
    x, h = torch.randn(1, 3), torch.zeros(1, 2)
    print(gru_step(x, h, gru.weight_ih_l0, gru.weight_hh_l0, gru.bias_ih_l0, gru.bias_hh_l0))
    print(gru(x.unsqueeze(0))[1][0])
