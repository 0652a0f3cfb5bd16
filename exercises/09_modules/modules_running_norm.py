"""modules_running_norm: BatchNorm1d from scratch (parameters + buffers + modes).

Write RunningNorm(C, eps, momentum), the same layer as nn.BatchNorm1d, for x of
shape (N, C):
- parameters `weight` (ones) and `bias` (zeros), shape (C,);
- buffers `running_mean` (zeros) and `running_var` (ones), shape (C,);
- training: normalise with the batch's mean and BIASED variance (unbiased=False),
  y = (x - mean) / sqrt(var + eps) * weight + bias, then update the buffers,
  without recording gradients: running = (1 - momentum) * running + momentum * batch
  (for running_var, use the UNBIASED batch variance);
- eval: normalise with running_mean and running_var; change nothing.
Not allowed: nn.BatchNorm1d, F.batch_norm. The check compares with torch's.

Read: torch.nn.BatchNorm1d, torch.Tensor.var (unbiased), torch.no_grad
"""
import torch
from torch import nn


class RunningNorm(nn.Module):
    def __init__(self, C: int, eps: float = 1e-5, momentum: float = 0.1):
        super().__init__()
        self.eps, self.momentum = eps, momentum
        # TODO: the parameters weight, bias and the buffers running_mean, running_var
        ...

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # TODO: batch statistics (and a buffer update) in training, running statistics in eval
        raise NotImplementedError


if __name__ == "__main__":
    norm = RunningNorm(3)
    print(norm(torch.randn(8, 3) * 4 + 2).std(dim=0))
    print(norm.running_mean, norm.running_var)
