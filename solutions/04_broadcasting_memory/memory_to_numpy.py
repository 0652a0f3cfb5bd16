"""memory_to_numpy: back to NumPy, without a copy.

`t.numpy()` returns an array over the tensor's own memory, with the same
dtype. It refuses a tensor that requires grad (NumPy cannot follow the
graph), so plotting a parameter or a loss needs one more step.

Make `to_numpy(t)` work for any CPU tensor, with or without requires_grad,
and return an np.ndarray that shares t's memory (no copy) and keeps its
dtype. `.tolist()`, `np.array(...)` and `.copy()` all copy.

Read: torch.Tensor.numpy, torch.Tensor.detach.
"""
import numpy as np
import torch


def to_numpy(t: torch.Tensor) -> np.ndarray:
    return t.detach().numpy()


if __name__ == "__main__":
    w = torch.randn(3, requires_grad=True)
    print(to_numpy(w), to_numpy(w).dtype)
