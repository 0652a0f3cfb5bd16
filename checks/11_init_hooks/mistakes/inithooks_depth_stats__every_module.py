"""inithooks_depth_stats: activation statistics through depth (why Kaiming wins).

`model` is an nn.Sequential of Linear, ReLU, Linear, ReLU, ... (see make_stack).
1. layer_stds(model, x): under torch.no_grad(), feed x through the modules one
   at a time (a Sequential is iterable) and return a 1-D float tensor holding
   x.std() of the activation after every nn.ReLU, in order (one per ReLU).
2. kaiming_init(m): for nn.Linear, nn.init.kaiming_normal_ (mode "fan_in",
   nonlinearity "relu") on the weight and zeros on the bias.
Then run this file: N(0, 1) weights explode, N(0, 0.01) vanish, Kaiming stays put.
Read: torch.nn.init.kaiming_normal_, torch.nn.Sequential
"""
import torch
from torch import nn


def make_stack(widths: list[int]) -> nn.Sequential:
    layers = []
    for n_in, n_out in zip(widths[:-1], widths[1:]):
        layers += [nn.Linear(n_in, n_out), nn.ReLU()]
    return nn.Sequential(*layers)


def naive_init(std: float):
    def init(m: nn.Module) -> None:
        if isinstance(m, nn.Linear):
            nn.init.normal_(m.weight, 0.0, std)
            nn.init.zeros_(m.bias)
    return init


def layer_stds(model: nn.Sequential, x: torch.Tensor) -> torch.Tensor:
    stds = []
    with torch.no_grad():
        for module in model:
            x = module(x)
            stds.append(x.std())
    return torch.stack(stds)


def kaiming_init(m: nn.Module) -> None:
    if isinstance(m, nn.Linear):
        nn.init.kaiming_normal_(m.weight, mode="fan_in", nonlinearity="relu")
        nn.init.zeros_(m.bias)


if __name__ == "__main__":
    torch.manual_seed(0)
    x = torch.randn(256, 128)
    for name, init in [("N(0, 1)", naive_init(1.0)), ("N(0, 0.01)", naive_init(0.01)), ("Kaiming", kaiming_init)]:
        model = make_stack([128] * 21)
        model.apply(init)
        print(f"{name:11s}", " ".join(f"{s:9.2e}" for s in layer_stds(model, x)[::4].tolist()))
