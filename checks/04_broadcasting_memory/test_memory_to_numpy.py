import numpy as np
import torch

from dlings.testing import expect, expect_close, expect_equal

COPY = ("the array is a copy: .tolist(), np.array(t) and .copy() allocate new memory. "
        "t.detach().numpy() shares t's memory.")


def _tensors():
    torch.manual_seed(0)
    return [
        ("a float32 tensor with requires_grad=True", torch.randn(4, requires_grad=True)),
        ("a float64 (2, 3) tensor with requires_grad=True", torch.randn(2, 3, dtype=torch.float64, requires_grad=True)),
        ("an int64 tensor", torch.arange(5)),
    ]


def test_to_numpy(exercise):
    for what, t in _tensors():
        arr = exercise.to_numpy(t)
        expect(isinstance(arr, np.ndarray), f"to_numpy(t) for {what} should be a NumPy array, "
               f"but it is {type(arr).__name__}.", hint="a list is not an array; .numpy() gives an np.ndarray.")
        expect_equal(arr.dtype, t.detach().numpy().dtype, what=f"the dtype of to_numpy(t) for {what}",
                     hint="np.array(t.tolist()) turns float32 into float64: .numpy() keeps the tensor's dtype.")
        expect_close(torch.from_numpy(arr.copy()), t.detach(), what=f"to_numpy(t) for {what}")
        with torch.no_grad():
            t.add_(1)
        expect_close(torch.from_numpy(arr.copy()), t.detach(), what=f"to_numpy(t) for {what}, after t.add_(1)",
                     hint=COPY)
