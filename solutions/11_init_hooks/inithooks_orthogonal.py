"""inithooks_orthogonal: orthogonal initialisation, by hand, with a QR decomposition.

View the weight as a matrix W of shape (rows, cols) = (shape[0], numel // shape[0]).
Fill it in place (under torch.no_grad()) so that its rows are orthonormal
(W @ W.T = I when rows <= cols) or its columns are (W.T @ W = I when rows > cols),
times `gain`. Recipe: draw A ~ N(0, 1) of shape (max, min) (transpose for wide
matrices), Q, R = torch.linalg.qr(A), multiply Q by sign(diag(R)) so Q is
uniformly random, transpose back if needed, scale by gain, copy into weight.
Orthogonal maps preserve norms exactly: good for deep linear stacks and RNNs.
The check forbids nn.init.orthogonal_. Read: torch.linalg.qr, torch.nn.init.orthogonal_
"""
import torch
from torch import nn


def orthogonal(weight: torch.Tensor, gain: float = 1.0) -> torch.Tensor:
    rows = weight.shape[0]
    cols = weight.numel() // rows
    a = torch.randn(rows, cols)
    if rows < cols:
        a = a.T
    q, r = torch.linalg.qr(a)
    q = q * torch.sign(torch.diagonal(r))
    if rows < cols:
        q = q.T
    with torch.no_grad():
        weight.copy_(q.reshape(weight.shape) * gain)
    return weight


if __name__ == "__main__":
    w = orthogonal(torch.empty(4, 6))
    print((w @ w.T).round(decimals=4))
