import torch
from torch import nn


def init_weights(m: nn.Module) -> None:
    if type(m) is nn.Linear:
        nn.init.xavier_normal_(m.weight, gain=nn.init.calculate_gain("tanh"))
        if m.bias is not None:
            nn.init.zeros_(m.bias)
