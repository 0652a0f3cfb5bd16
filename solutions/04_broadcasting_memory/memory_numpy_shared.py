"""memory_numpy_shared: from_numpy shares, torch.tensor copies.

A NumPy array and a tensor can use the very same memory. Write:
  * `shared(arr)`: a tensor over arr's memory (no copy), so a change on
    either side shows on the other;
  * `copied(arr)`: a tensor with its own copy of the values.
Both keep arr's dtype (a float64 array gives a float64 tensor).

Beware `torch.Tensor(arr)` (capital T): it always makes the default dtype
(float32). A float32 array it shares, like from_numpy; any other array it
converts, which copies. Whether it shares depends on the array: use neither.

Read: torch.from_numpy, torch.as_tensor, torch.tensor.
"""
import numpy as np
import torch


def shared(arr: np.ndarray) -> torch.Tensor:
    return torch.from_numpy(arr)


def copied(arr: np.ndarray) -> torch.Tensor:
    return torch.tensor(arr)


if __name__ == "__main__":
    arr = np.zeros(3)
    s, c = shared(arr), copied(arr)
    arr[0] = 5.0
    print(s, c)  # tensor([5., 0., 0.], dtype=torch.float64) tensor([0., 0., 0.], dtype=torch.float64)
