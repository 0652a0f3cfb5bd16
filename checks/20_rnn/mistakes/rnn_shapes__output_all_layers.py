"""rnn_shapes: what nn.RNN, nn.LSTM and nn.GRU return, and in which layout.

A recurrent layer returns two different things: `output`, the top layer's
hidden state at EVERY step, and `h_n`, the hidden state after the LAST step
of EVERY layer and direction (an LSTM also returns c_n, shaped like h_n).
Write rnn_shapes(...) returning (output_shape, h_n_shape) as tuples of ints
for an nn.RNN/LSTM/GRU(input_size, hidden_size, num_layers=num_layers,
bidirectional=bidirectional, batch_first=batch_first) given a batched input
of batch sequences of seq_len steps. Work it out from the docs; the check
compares your tuples with what the real layers return.

Read: torch.nn.LSTM (Inputs, Outputs, batch_first), torch.nn.GRU
"""


def rnn_shapes(batch: int, seq_len: int, input_size: int, hidden_size: int, num_layers: int,
               bidirectional: bool, batch_first: bool) -> tuple[tuple[int, ...], tuple[int, ...]]:
    # TODO: (output_shape, h_n_shape)
    directions = 2 if bidirectional else 1
    if batch_first:
        output = (batch, seq_len, directions * num_layers * hidden_size)
    else:
        output = (seq_len, batch, directions * num_layers * hidden_size)
    h_n = (directions * num_layers, batch, hidden_size)
    return output, h_n


if __name__ == "__main__":
    print(rnn_shapes(batch=4, seq_len=7, input_size=3, hidden_size=5, num_layers=2, bidirectional=True,
                     batch_first=True))
