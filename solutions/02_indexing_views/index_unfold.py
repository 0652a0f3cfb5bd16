"""index_unfold: sliding windows without copying.

x has shape (B, T) (B signals of length T). Write windows(x, size, step):
shape (B, n, size), where window k of signal b is x[b, k*step : k*step + size]
and n = (T - size) // step + 1 (every window that fits).

Concept: x.unfold(dim, size, step) returns a VIEW: the overlapping windows
share x's memory (same numbers, new strides), so nothing is copied, and
changing x changes the windows. The check verifies it is a view of x and
forbids Python loops. Read: torch.Tensor.unfold, torch.Tensor.stride
"""
import torch


def windows(x, size, step):
    return x.unfold(1, size, step)


if __name__ == "__main__":
    x = torch.arange(7.0).unsqueeze(0)
    w = windows(x, 3, 2)
    print(w)          # [[0, 1, 2], [2, 3, 4], [4, 5, 6]]
    print(w.stride())  # no copy: the strides walk through x's memory
