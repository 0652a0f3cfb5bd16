import torch
from torch import nn

def layer_stds(model, x):
    out = []
    with torch.no_grad():
        for l in model:
            x = l(x)
            if isinstance(l, nn.ReLU): out.append(x.std())
    return torch.stack(out)

def kaiming_init(m):
    if isinstance(m, nn.Linear):
        nn.init.kaiming_uniform_(m.weight, mode="fan_in", nonlinearity="relu"); nn.init.zeros_(m.bias)