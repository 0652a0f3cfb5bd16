import torch
from torch import nn


def blended_output(model: nn.Module, params_a: dict, params_b: dict, alpha: float, x: torch.Tensor) -> torch.Tensor:
    import copy

    blended = {name: (1 - alpha) * params_a[name] + alpha * params_b[name] for name in params_a}
    twin = copy.deepcopy(model)
    twin.load_state_dict(blended, strict=False)
    return twin(x)
