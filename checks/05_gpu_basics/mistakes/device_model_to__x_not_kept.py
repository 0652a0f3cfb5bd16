import torch
from torch import nn


def run_on(model: nn.Module, x: torch.Tensor, device) -> torch.Tensor:
    model.to(device)
    x.to(device)
    return model(x)
