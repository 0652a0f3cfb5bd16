"""reg_grad_band: find vanishing gradients layer by layer, then fix the net.

broken_net(depth, width) trains badly: its first layers barely move. Write
1. weight_grad_norms(model, x, y): clear old gradients, backpropagate
   F.mse_loss(model(x), y) once, and return the norm of each nn.Linear's
   weight gradient as a list of Python floats, input layer first. Run this
   file: in broken_net the first norm is about 1e-11 of the last.
2. fixed_net(depth, width): the same layer sizes as broken_net (depth hidden
   Linear(width, width) layers, each followed by an activation, then
   Linear(width, 1)), built so that gradients neither vanish nor explode:
   on the check's data every weight gradient norm lies in [1e-3, 1e3] and
   the largest is at most 30x the smallest, for depths up to 24.

Read: torch.nn.init.kaiming_normal_, torch.nn.ReLU, torch.nn.Module.zero_grad
"""
import torch
import torch.nn.functional as F
from torch import nn


def broken_net(depth: int, width: int) -> nn.Sequential:
    layers = []
    for _ in range(depth):
        layers += [nn.Linear(width, width), nn.Sigmoid()]
    return nn.Sequential(*layers, nn.Linear(width, 1))


def weight_grad_norms(model: nn.Module, x: torch.Tensor, y: torch.Tensor) -> list[float]:
    model.zero_grad()
    F.mse_loss(model(x), y).backward()
    return [m.weight.grad.norm().item() for m in model.modules() if isinstance(m, nn.Linear)]


def fixed_net(depth: int, width: int) -> nn.Sequential:
    layers = []
    for _ in range(depth):
        linear = nn.Linear(width, width)
        nn.init.kaiming_normal_(linear.weight, nonlinearity="relu")
        nn.init.zeros_(linear.bias)
        layers += [linear, nn.Sigmoid()]
    return nn.Sequential(*layers, nn.Linear(width, 1))


if __name__ == "__main__":
    torch.manual_seed(0)
    x, y = torch.randn(64, 32), torch.randn(64, 1)
    for build in (broken_net, fixed_net):
        norms = weight_grad_norms(build(16, 32), x, y)
        print(f"{build.__name__:10s}", " ".join(f"{n:.1e}" for n in norms[::3]))
