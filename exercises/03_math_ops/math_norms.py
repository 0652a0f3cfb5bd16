"""math_norms: vector norms and safe normalisation.

`normalize_rows(x, eps=1e-12)` scales every vector along the LAST dimension
of x to length 1 (Euclidean / L2 norm):

    y = x / max(||x||_2, eps)        ||x||_2 = sqrt(sum of squares)

x may have any number of leading dimensions. A vector of zeros must come back
as zeros, not NaN (0 / 0): that is what eps is for. torch.linalg.vector_norm
(or x.norm) computes the norm; keepdim=True makes it broadcast back.
Do not call torch.nn.functional.normalize.

Read: torch.linalg.vector_norm, torch.clamp (min=)
"""
import torch


def normalize_rows(x: torch.Tensor, eps: float = 1e-12) -> torch.Tensor:
    # TODO: divide by the L2 norm of each vector along the last dim, never by less than eps
    ...


if __name__ == "__main__":
    print(normalize_rows(torch.tensor([[3.0, 4.0], [0.0, 0.0]])))  # [[0.6, 0.8], [0., 0.]]
