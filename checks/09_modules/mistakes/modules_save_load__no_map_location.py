import torch
from torch import nn


def save_checkpoint(model: nn.Module, path: str) -> None:
    torch.save(model.state_dict(), path)


def load_state(path: str) -> dict[str, torch.Tensor]:
    return torch.load(path)
