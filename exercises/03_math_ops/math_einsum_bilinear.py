"""math_einsum_bilinear: a batch of bilinear forms in one einsum.

nn.Bilinear scores a pair of vectors with one matrix per output feature:

    y[n, o] = sum_i sum_j  x1[n, i] * W[o, i, j] * x2[n, j]  +  b[o]

x1: (N, in1), x2: (N, in2), W: (out, in1, in2), b: (out,) -> y: (N, out).
Three indices multiplied and two summed: one torch.einsum call says it all.
The check forbids Python loops (for/while/comprehensions) in `bilinear`
and torch's own bilinear (torch.nn.functional.bilinear, nn.Bilinear).

Read: torch.einsum, torch.nn.Bilinear (for the formula)
"""
import torch


def bilinear(x1: torch.Tensor, x2: torch.Tensor, W: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    # TODO: one einsum over x1, W and x2, plus the bias
    ...


if __name__ == "__main__":
    x1, x2 = torch.randn(4, 3), torch.randn(4, 5)
    W, b = torch.randn(2, 3, 5), torch.zeros(2)
    print(bilinear(x1, x2, W, b).shape)  # torch.Size([4, 2])
