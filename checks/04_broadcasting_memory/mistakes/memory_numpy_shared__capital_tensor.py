import numpy as np
import torch


def shared(arr: np.ndarray) -> torch.Tensor:
    return torch.Tensor(arr)


def copied(arr: np.ndarray) -> torch.Tensor:
    return torch.Tensor(arr)
