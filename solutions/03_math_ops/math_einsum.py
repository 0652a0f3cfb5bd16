"""math_einsum: index notation for products and sums.

torch.einsum("ij,jk->ik", A, B) names each dimension with a letter: letters
shared by inputs are multiplied together, letters missing from the output
(after ->) are summed over. Write each function with one torch.einsum call:

- `row_dots(a, b)`: a, b of shape (N, D) -> (N,), the dot product of row n
  of a with row n of b (not every pair of rows).
- `outer(u, v)`: u of shape (M,), v of shape (N,) -> (M, N), u[i] * v[j].
- `batch_trace(A)`: A of shape (B, N, N) -> (B,), the sum of each diagonal.
  (A repeated letter in one input walks the diagonal.)

Read: torch.einsum
"""
import torch


def row_dots(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    return torch.einsum("nd,nd->n", a, b)


def outer(u: torch.Tensor, v: torch.Tensor) -> torch.Tensor:
    return torch.einsum("i,j->ij", u, v)


def batch_trace(A: torch.Tensor) -> torch.Tensor:
    return torch.einsum("bii->b", A)


if __name__ == "__main__":
    print(row_dots(torch.ones(2, 3), torch.ones(2, 3)))  # tensor([3., 3.])
    print(outer(torch.tensor([1.0, 2.0]), torch.tensor([1.0, 10.0, 100.0])))
    print(batch_trace(torch.eye(3).expand(2, 3, 3)))  # tensor([3., 3.])
