"""rnn_packed: run an RNN over padded sequences so the padding never counts.

A batch of sequences of different lengths is padded to one length T; run
as is, the RNN keeps stepping through the padding and its h_n is the state
after the padding, not after each sequence's own last step. Packing the
batch (pack_padded_sequence) makes the RNN stop every sequence at its length.
Write encode(rnn, padded, lengths): rnn is a one-layer batch_first nn.GRU,
padded (batch, T, input_size), lengths (batch,) int64 in any order (not
sorted). Return (output, h_last): output (batch, T, hidden_size), the states
at the real steps and exactly 0.0 at padded ones (same T as padded, even if
every sequence is shorter); h_last (batch, hidden_size), the state at each
sequence's last real step, in the batch's order.

Read: torch.nn.utils.rnn.pack_padded_sequence (enforce_sorted), pad_packed_sequence (total_length)
"""
import torch
from torch import nn
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence


def encode(rnn: nn.GRU, padded: torch.Tensor, lengths: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    # TODO: pack, run, unpack
    lengths, order = lengths.sort(descending=True)
    packed = pack_padded_sequence(padded[order], lengths.cpu(), batch_first=True)
    out, h_n = rnn(packed)
    output, _ = pad_packed_sequence(out, batch_first=True, total_length=padded.shape[1])
    return output[order.argsort()], h_n[-1]


if __name__ == "__main__":
    rnn = nn.GRU(2, 3, batch_first=True)
    padded = torch.randn(3, 5, 2)
    output, h_last = encode(rnn, padded, torch.tensor([2, 5, 3]))
    print(output[0], h_last[0])
