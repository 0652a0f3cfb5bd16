"""modules_parameter: nn.Parameter registers a trainable tensor.

A tensor becomes a parameter of a module (listed by .parameters(), seen by
optimizers, saved in state_dict, moved by .to()) only when it is wrapped in
nn.Parameter and assigned to self. A plain tensor with requires_grad=True is
NOT registered: the optimizer never sees it.

Finish Affine(n): a learnable per-feature scale `weight` (starts at ones) and
shift `bias` (starts at zeros), both of shape (n,); forward(x) = x * weight + bias
over the last dimension of x.

Read: torch.nn.parameter.Parameter, torch.nn.Module.parameters
"""
import torch
from torch import nn


class Affine(nn.Module):
    def __init__(self, n: int):
        super().__init__()
        # TODO: self.weight (ones) and self.bias (zeros), both nn.Parameter of shape (n,)
        self.weight = nn.Parameter(torch.ones(n))
        self.bias = nn.Parameter(torch.zeros(n))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # TODO: scale then shift every feature (last dimension)
        return x * self.weight + self.bias


if __name__ == "__main__":
    layer = Affine(3)
    for name, p in layer.named_parameters():
        print(name, p.shape, p.requires_grad)
