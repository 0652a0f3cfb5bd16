"""index_where: choose element by element with torch.where.

Write safe_div(a, b): a / b where b != 0, and exactly 0 where b == 0.
No inf and no NaN may come out. a and b broadcast together (for example a of
shape (N, M) and b of shape (M,)).

Concept: choosing, element by element, between two tensors is not the same
as multiplying by a 0/1 mask: 0 * inf and 0 * nan are nan, so a mask cannot
hide them.
Read: torch.where (https://pytorch.org/docs/stable/generated/torch.where.html)
"""
import torch


def safe_div(a, b):
    # TODO: one torch.where
    ...


if __name__ == "__main__":
    a = torch.tensor([1.0, 0.0, 3.0, 4.0])
    b = torch.tensor([2.0, 0.0, 0.0, -1.0])
    print(a / b)            # tensor([0.5, nan, inf, -4.])
    print(safe_div(a, b))   # tensor([0.5, 0., 0., -4.])
