"""index_fancy_is_copy: x[idx][...] = v writes into a temporary copy.

Write set_entries_(x, rows, col, value): IN PLACE, set x[r, col] = value for
every r in the int64 tensor rows. x has shape (N, M). Return nothing.

Surprise: indexing with a tensor or list of indices (advanced indexing)
returns a NEW tensor, not a view. So x[rows][:, col] = value changes that
temporary copy and is silently lost, and so is x[rows, col].fill_(value).
Find the form of assignment that reaches x itself (the check looks at x
after your call).
Read: https://pytorch.org/docs/stable/tensor_view.html, torch.Tensor.index_put_
"""
import torch


def set_entries_(x, rows, col, value):
    # TODO: one assignment into x
    raise NotImplementedError


if __name__ == "__main__":
    x = torch.zeros(4, 3)
    set_entries_(x, torch.tensor([0, 2]), 1, 7.0)
    print(x)
