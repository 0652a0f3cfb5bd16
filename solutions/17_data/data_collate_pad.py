"""data_collate_pad: batching sequences of different lengths.

A DataLoader builds a batch by calling collate_fn on a list of samples; the
default one stacks them, which fails when they have different lengths.
Write pad_collate(batch): batch is a list of (seq, label) pairs, seq a 1-D
int64 tensor of token ids (all >= 1, length >= 1), label a 0-d tensor.
Return (padded, lengths, labels):
  padded  (B, T) int64: row i is seq i followed by zeros, T the longest
          length in this batch (not in the whole data set);
  lengths (B,) int64: the length of each seq;
  labels  (B,): the labels stacked, same dtype, in the batch's order.

Read: torch.nn.utils.rnn.pad_sequence (batch_first, padding_value), torch.stack,
      torch.utils.data.DataLoader (collate_fn)
"""
import torch
from torch.nn.utils.rnn import pad_sequence

from dlings import data


def pad_collate(batch):
    seqs = [seq for seq, _ in batch]
    padded = pad_sequence(seqs, batch_first=True, padding_value=0)
    lengths = torch.tensor([len(seq) for seq in seqs], dtype=torch.long)
    labels = torch.stack([label for _, label in batch])
    return padded, lengths, labels


if __name__ == "__main__":
    ds = data.variable_length(5, max_len=6)
    loader = torch.utils.data.DataLoader(ds, batch_size=3, collate_fn=pad_collate)
    for padded, lengths, labels in loader:
        print(padded, lengths, labels, sep="\n", end="\n\n")
