import torch
from torch import nn


def blended_output(model: nn.Module, params_a: dict, params_b: dict, alpha: float, x: torch.Tensor) -> torch.Tensor:
    with torch.no_grad():
        for name, p in model.named_parameters():
            p.copy_((1 - alpha) * params_a[name] + alpha * params_b[name])
    return model(x)
