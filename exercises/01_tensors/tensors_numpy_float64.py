"""tensors_numpy_float64: NumPy data arrives as float64.

NumPy's default float is float64, and torch.from_numpy / torch.tensor keep
the dtype they are given. A float64 batch fed to a float32 model fails with
"mat1 and mat2 must have the same dtype". Labels have the opposite problem:
they often arrive as int32, while losses such as cross_entropy want int64.

- `to_features(arr)`: a NumPy array (float64, or ints) -> float32 tensor.
- `to_labels(arr)`: a NumPy array of integer class labels -> int64 tensor.

Read: torch.from_numpy, torch.as_tensor, torch.Tensor.float / .long
"""
import numpy as np
import torch


def to_features(arr):
    # TODO
    ...


def to_labels(arr):
    # TODO
    ...


if __name__ == "__main__":
    arr = np.random.rand(2, 3)
    print(arr.dtype, torch.from_numpy(arr).dtype)
    print(to_features(arr))
    print(to_labels(np.array([2, 0, 1], dtype=np.int32)))
