"""rnn_lstm_gates: one LSTM step by hand, equal to nn.LSTM with its weights.

An LSTM keeps two states: h (what it shows) and c (its memory cell). One
step computes four gates from x and h; nn.LSTM stacks their weights in one
matrix, weight_ih (4*hidden, input) and weight_hh (4*hidden, hidden), in the
order input gate i, forget gate f, cell candidate g, output gate o:
    i, f, o = sigmoid(...), g = tanh(...)
    c_new = f * c + i * g,   h_new = o * tanh(c_new)
Write lstm_step(x, h, c, weight_ih, weight_hh, bias_ih, bias_hh) -> (h_new, c_new)
for x (batch, input_size) and h, c (batch, hidden_size). Called with an
nn.LSTM's weight_ih_l0, ... at every step, it must reproduce nn.LSTM.
Not allowed: nn.LSTM, nn.LSTMCell, torch.lstm_cell.

Read: torch.nn.LSTM (the equations and Variables), torch.Tensor.chunk
"""
import torch


def lstm_step(x, h, c, weight_ih, weight_hh, bias_ih, bias_hh):
    # TODO: the four gates from one matrix product each, then the new c and h
    ...


if __name__ == "__main__":
    lstm = torch.nn.LSTM(3, 2)
    x, h, c = torch.randn(1, 3), torch.zeros(1, 2), torch.zeros(1, 2)
    print(lstm_step(x, h, c, lstm.weight_ih_l0, lstm.weight_hh_l0, lstm.bias_ih_l0, lstm.bias_hh_l0))
    print(lstm(x.unsqueeze(0)))
