"""index_view_contiguous: when view() refuses.

Write column_major(x): x has shape (N, M); return a 1-D tensor of x's
elements read column by column: x[0, 0], x[1, 0], ..., x[N-1, 0], x[0, 1], ...

Concept: x.t() is a view with swapped strides, not a copy, so it is not
contiguous, and .view() can only reinterpret contiguous memory: x.t().view(-1)
raises. .reshape() copies when it must; .contiguous() makes the copy
explicitly. Your function must also work when x itself is not contiguous.
Read: torch.Tensor.view, torch.reshape, torch.Tensor.contiguous, torch.Tensor.is_contiguous
"""
import torch


def column_major(x):
    return x.t().reshape(-1)


if __name__ == "__main__":
    x = torch.arange(6).reshape(2, 3)
    print(x, x.t().is_contiguous())
    print(column_major(x))  # tensor([0, 3, 1, 4, 2, 5])
