import torch, math
from torch import nn

def orthogonal(weight, gain=1.0):
    rows = weight.shape[0]; cols = weight.numel() // rows
    a = torch.randn(rows, cols)
    if rows < cols: a = a.T
    q, r = torch.linalg.qr(a)
    if rows < cols: q = q.T
    with torch.no_grad(): weight.copy_(q.reshape(weight.shape) * gain)
    return weight
