import torch
from torch import nn


def prepare(model: nn.Module, batch: dict[str, torch.Tensor], device, dtype: torch.dtype):
    import copy

    moved = copy.deepcopy(model).to(device=device, dtype=dtype)
    inputs = batch["inputs"].to(device=device, dtype=dtype)
    labels = batch["labels"].to(device)
    return moved, inputs, labels
