"""rnn_final_states: the summary of a bidirectional, multi-layer LSTM.

A bidirectional layer reads the sequence twice: forward (step 0 to the
end) and backward (the end to step 0). Each direction's "final" state is
the one after it has read everything: the forward one after the LAST step,
the backward one after the FIRST. h_n stacks them for every layer as
layer 0 forward, layer 0 backward, layer 1 forward, ...
Write final_features(lstm, x): lstm is an nn.LSTM(batch_first=True,
bidirectional=True) with any num_layers, x (batch, T, input_size). Return
(batch, 2 * hidden_size): the TOP layer's forward final state, then its
backward final state, concatenated.

Read: torch.nn.LSTM (Outputs: h_n, and the note on bidirectional output), torch.cat
"""
import torch
from torch import nn


def final_features(lstm: nn.LSTM, x: torch.Tensor) -> torch.Tensor:
    # TODO: run the LSTM, then pick the top layer's two final states from h_n
    _, (h_n, _) = lstm(x)
    return torch.cat([h_n[0], h_n[1]], dim=1)


if __name__ == "__main__":
    lstm = nn.LSTM(3, 4, num_layers=2, batch_first=True, bidirectional=True)
    print(final_features(lstm, torch.randn(2, 5, 3)).shape)
