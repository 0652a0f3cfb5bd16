"""layers_batchnorm_module: BatchNorm with running statistics.

Write `MyBatchNorm(num_features, eps=1e-5, momentum=0.1)`, matching
nn.BatchNorm1d/2d on (N, C) and (N, C, H, W) inputs:
- parameters weight (ones) and bias (zeros), shape (C,);
- BUFFERS running_mean (zeros) and running_var (ones): saved in state_dict,
  moved by .to(), but not trained: self.register_buffer(name, tensor);
- training: normalise with the batch's mean and biased var (as in
  layers_batchnorm_fn), then update, outside autograd,
      running = (1 - momentum) * running + momentum * batch_stat
  where running_var takes the UNBIASED batch var (n - 1);
- eval: normalise with running_mean / running_var; update nothing.
Not allowed: F.batch_norm, torch.batch_norm, nn.BatchNorm*.

Read: torch.nn.BatchNorm2d, torch.nn.Module.register_buffer, torch.no_grad
"""
import torch
from torch import nn


class MyBatchNorm(nn.Module):
    def __init__(self, num_features: int, eps: float = 1e-5, momentum: float = 0.1):
        super().__init__()
        self.eps, self.momentum = eps, momentum
        self.weight = nn.Parameter(torch.ones(num_features))
        self.bias = nn.Parameter(torch.zeros(num_features))
        # TODO: register the running_mean (zeros) and running_var (ones) buffers
        raise NotImplementedError

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        dims = [0] + list(range(2, x.dim()))
        shape = [1, -1] + [1] * (x.dim() - 2)
        # TODO: pick mean/var (batch in training, running in eval); update the running stats in training
        raise NotImplementedError
        x_hat = (x - mean.view(shape)) / torch.sqrt(var.view(shape) + self.eps)
        return x_hat * self.weight.view(shape) + self.bias.view(shape)


if __name__ == "__main__":
    bn = MyBatchNorm(3)
    bn(torch.randn(16, 3) * 2 + 5)
    print(bn.running_mean, bn.running_var, list(bn.state_dict()))
