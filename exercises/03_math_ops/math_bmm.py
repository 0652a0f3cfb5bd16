"""math_bmm: batched matrix products.

Attention compares every query with every key. Given queries q of shape
(batch, Tq, D) and keys k of shape (batch, Tk, D), return the scores

    scores[b, i, j] = (q[b, i] . k[b, j]) / sqrt(D)        shape (batch, Tq, Tk)

One matrix product per batch element: q[b] @ k[b]^T. torch.bmm does that for
exactly one batch dimension; `@` does it for any number of leading dimensions,
and your function must also accept (batch, heads, T, D) inputs. Transpose
only the last two dimensions of k (k.T reverses ALL of them).

Read: torch.bmm, torch.matmul, torch.transpose, torch.Tensor.mT
"""
import math

import torch


def attention_scores(q: torch.Tensor, k: torch.Tensor) -> torch.Tensor:
    # TODO: q times k with its last two dims swapped, divided by sqrt(D)
    ...


if __name__ == "__main__":
    q = torch.randn(2, 3, 4)
    k = torch.randn(2, 5, 4)
    print(attention_scores(q, k).shape)  # torch.Size([2, 3, 5])
