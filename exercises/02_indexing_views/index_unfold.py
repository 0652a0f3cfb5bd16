"""index_unfold: sliding windows without copying.

x has shape (B, T) (B signals of length T). Write windows(x, size, step):
shape (B, n, size), where window k of signal b is x[b, k*step : k*step + size]
and n = (T - size) // step + 1 (every window that fits).

Concept: the windows overlap, yet they need not be copied: a VIEW with new
strides can show the same numbers as many windows, so changing x changes
the windows. Return such a view (the check verifies it shares x's memory)
and no Python loops.
Read: torch.Tensor.unfold, torch.Tensor.stride
"""
import torch


def windows(x, size, step):
    # TODO: one call, no loop
    ...


if __name__ == "__main__":
    x = torch.arange(7.0).unsqueeze(0)
    w = windows(x, 3, 2)
    print(w)          # [[0, 1, 2], [2, 3, 4], [4, 5, 6]]
    print(w.stride())  # no copy: the strides walk through x's memory
