import torch
from torch import nn


class RunningNorm(nn.Module):
    def __init__(self, C: int, eps: float = 1e-5, momentum: float = 0.1):
        super().__init__()
        self.eps, self.momentum = eps, momentum
        # TODO: the parameters weight, bias and the buffers running_mean, running_var
        self.weight = nn.Parameter(torch.ones(C))
        self.bias = nn.Parameter(torch.zeros(C))
        self.register_buffer("running_mean", torch.zeros(C))
        self.register_buffer("running_var", torch.ones(C))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # TODO: batch statistics (and a buffer update) in training, running statistics in eval
        if self.training:
            mean, var = x.mean(dim=0), x.var(dim=0, unbiased=False)
            with torch.no_grad():
                m = self.momentum
                self.running_mean.mul_(1 - m).add_(m * mean)
                self.running_var.mul_(1 - m).add_(m * var)
        else:
            mean, var = self.running_mean, self.running_var
        return (x - mean) / torch.sqrt(var + self.eps) * self.weight + self.bias


if __name__ == "__main__":
    norm = RunningNorm(3)
    print(norm(torch.randn(8, 3) * 4 + 2).std(dim=0))
    print(norm.running_mean, norm.running_var)
