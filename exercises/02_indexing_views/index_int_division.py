"""index_int_division: an index computed with / is a float, and floats cannot index.

x has shape (B, T, D), lengths has shape (B,) (int64, each in 1..T). Write
middle_token(x, lengths): shape (B, D), row b = x[b, m] where m is the
middle position of sequence b, rounded DOWN: m = (lengths[b] - 1) // 2
(length 5 -> index 2, length 4 -> index 1, length 1 -> index 0).

Surprise: on int64 tensors `/` is true division and gives float32, even for
4 / 2, and x[..., float_tensor] raises IndexError. `//` (floor division) or
torch.div(..., rounding_mode="floor") keeps int64. The check forbids loops.
Read: torch.div, torch.floor_divide
"""
import torch


def middle_token(x, lengths):
    # TODO: compute the middle index of each sequence, then pair it with the batch index
    ...


if __name__ == "__main__":
    lengths = torch.tensor([5, 4, 1])
    print(lengths / 2, (lengths - 1) // 2)
    x = torch.arange(3 * 5).reshape(3, 5, 1).float()
    print(middle_token(x, lengths))  # tensor([[2.], [6.], [10.]])
