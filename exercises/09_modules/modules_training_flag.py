"""modules_training_flag: behaving differently in training and evaluation.

Every module has a boolean `self.training`. model.train() sets it to True
and model.eval() to False, for the module and all its children at once.
Layers such as Dropout and BatchNorm read it in forward(); so can yours.

Finish GaussianNoise(std), a regulariser: while training, forward(x) returns
x plus fresh noise drawn from a normal distribution with standard deviation
`std` (new noise at every call); in evaluation mode it returns x unchanged.

Read: torch.nn.Module.train, torch.nn.Module.eval, torch.randn_like
"""
import torch
from torch import nn


class GaussianNoise(nn.Module):
    def __init__(self, std: float):
        super().__init__()
        self.std = std

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # TODO: noise only in training mode (self.training)
        raise NotImplementedError


if __name__ == "__main__":
    layer = GaussianNoise(0.5)
    x = torch.zeros(5)
    print("train:", layer(x))
    print("eval: ", layer.eval()(x))
