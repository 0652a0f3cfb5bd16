import numpy as np
import torch


def shared(arr: np.ndarray) -> torch.Tensor:
    return torch.from_numpy(arr)


def copied(arr: np.ndarray) -> torch.Tensor:
    return torch.Tensor(arr).to(torch.from_numpy(arr).dtype)
