"""inithooks_kaiming_apply: Kaiming init for a ReLU network with nn.init.

Write `init_relu_net(m)` for model.apply(init_relu_net):
- nn.Conv2d: nn.init.kaiming_normal_ with mode="fan_in", nonlinearity="relu"
  (what torchvision's ResNet does), bias (if any) zero;
- nn.Linear: nn.init.kaiming_normal_ with mode="fan_in", nonlinearity="relu",
  bias zero;
- every other module (BatchNorm, ReLU, pooling...) untouched.
nonlinearity picks the gain: sqrt(2) for ReLU, 1 for "linear", 5/3 for "tanh".
Read: torch.nn.init.kaiming_normal_, torch.nn.init.calculate_gain
"""
import torch
from torch import nn


def init_relu_net(m: nn.Module) -> None:
    if isinstance(m, nn.Conv2d):
        nn.init.kaiming_normal_(m.weight, mode="fan_in", nonlinearity="relu")
    elif isinstance(m, nn.Linear):
        nn.init.kaiming_normal_(m.weight, mode="fan_in", nonlinearity="relu")
    else:
        return
    if m.bias is not None:
        nn.init.zeros_(m.bias)


if __name__ == "__main__":
    net = nn.Sequential(nn.Conv2d(3, 64, 3), nn.ReLU(), nn.Flatten(), nn.Linear(64 * 30 * 30, 10))
    net.apply(init_relu_net)
    print("conv std", net[0].weight.std().item(), "linear std", net[3].weight.std().item())
