import torch
from torch import nn


def run_on(model: nn.Module, x: torch.Tensor, device) -> torch.Tensor:
    model = model.to(device)
    x = x.to(device)
    return model(x).cpu()
