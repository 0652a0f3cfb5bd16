"""index_split_heads: the reshape dance of multi-head attention.

x has shape (B, T, H * Dh): B sequences, T tokens, H heads of Dh features
side by side in the last dim (head 0 first). Write:
  split_heads(x, n_heads) -> (B, H, T, Dh), where out[b, h, t] = x[b, t, h*Dh:(h+1)*Dh]
  merge_heads(y)          -> the inverse: (B, H, T, Dh) back to (B, T, H * Dh)

Combines: view/reshape only regroups numbers in memory order, so first
split the last dim (B, T, H, Dh), THEN swap T and H with transpose. Going
back, the transposed tensor is not contiguous: view() refuses it.
Both must work on non-contiguous inputs. Read: torch.Tensor.view, torch.transpose, torch.reshape
"""
import torch


def split_heads(x, n_heads):
    b, t, e = x.shape
    return x.reshape(b, t, n_heads, e // n_heads).transpose(1, 2)


def merge_heads(y):
    b, h, t, dh = y.shape
    return y.transpose(1, 2).reshape(b, t, h * dh)


if __name__ == "__main__":
    x = torch.arange(3 * 4).reshape(1, 3, 4)  # B=1, T=3, two heads of Dh=2
    y = split_heads(x, 2)
    print(y)  # head 0: [[0, 1], [4, 5], [8, 9]]
    print(torch.equal(merge_heads(y), x))  # True
