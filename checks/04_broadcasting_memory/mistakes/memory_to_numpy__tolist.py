import numpy as np
import torch


def to_numpy(t: torch.Tensor) -> np.ndarray:
    return np.array(t.tolist())
