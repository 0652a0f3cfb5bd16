import torch


def row_dots(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    return torch.einsum("nd,nd->n", a, b)


def outer(u: torch.Tensor, v: torch.Tensor) -> torch.Tensor:
    return torch.einsum("i,j->ij", u, v)


def batch_trace(A: torch.Tensor) -> torch.Tensor:
    return torch.einsum("bij->b", A)
