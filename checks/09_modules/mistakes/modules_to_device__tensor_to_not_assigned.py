import torch
from torch import nn


def prepare(model: nn.Module, batch: dict[str, torch.Tensor], device, dtype: torch.dtype):
    model.to(device=device, dtype=dtype)
    batch["inputs"].to(device=device, dtype=dtype)
    batch["labels"].to(device)
    return model, batch["inputs"], batch["labels"]
