"""math_softmax: a softmax that survives large inputs.

softmax(x)_i = exp(x_i) / sum_j exp(x_j), taken along dimension `dim`.

Written like that it breaks: exp(1000) is inf in float32, and inf / inf is
NaN. Softmax does not change when you subtract the same number from every
element along `dim`, so subtract each slice's own max first: the largest
exponent becomes exp(0) = 1 and nothing overflows.

Write `softmax(x, dim)` for any dim. The check uses inputs around +1000 and
-1000 and forbids torch's own softmax / log_softmax / logsumexp.

Read: torch.exp, torch.amax (keepdim=True), torch.sum
"""
import torch


def softmax(x: torch.Tensor, dim: int) -> torch.Tensor:
    z = x - x.amax(dim=dim, keepdim=True)
    e = z.exp()
    return e / e.sum(dim=dim, keepdim=True)


if __name__ == "__main__":
    print(softmax(torch.tensor([[1.0, 2.0, 3.0], [1000.0, 1000.0, 0.0]]), dim=1))
