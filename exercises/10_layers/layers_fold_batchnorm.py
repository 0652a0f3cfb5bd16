"""layers_fold_batchnorm: fold an eval-mode BatchNorm into the Linear before it.

In eval mode BatchNorm is a fixed per-feature affine map:
    bn(z) = (z - running_mean) / sqrt(running_var + eps) * weight + bias
so bn(linear(x)) is itself ONE linear layer. Inference engines fold it to save
a pass over memory. Write `fold(linear, bn)` that returns a NEW nn.Linear with
    fold(linear, bn)(x) == bn.eval()(linear(x))
(linear.bias may be None; the folded layer always has a bias), with linear's
dtype and on its device. Leave `linear` and `bn` unchanged. Hint: scale =
weight / sqrt(running_var + eps) multiplies row i of linear.weight.

Read: torch.nn.BatchNorm1d (eval-mode formula), torch.nn.Linear
"""
import torch
from torch import nn


@torch.no_grad()
def fold(linear: nn.Linear, bn: nn.BatchNorm1d) -> nn.Linear:
    folded = nn.Linear(linear.in_features, linear.out_features, bias=True,
                       dtype=linear.weight.dtype, device=linear.weight.device)
    # TODO: fill folded.weight and folded.bias (copy_ into them)
    ...
    return folded


if __name__ == "__main__":
    lin, bn = nn.Linear(3, 2), nn.BatchNorm1d(2).eval()
    x = torch.randn(4, 3)
    print(fold(lin, bn)(x) - bn(lin(x)))
