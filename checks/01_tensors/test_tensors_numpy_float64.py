import numpy as np
import torch

from dlings.testing import expect_close, fail
from support_01_tensors import expect_dtype_is

FEATURES = {
    torch.float64: "NumPy arrays are float64 and torch.from_numpy/torch.tensor keep that: add .float() "
                   "(or dtype=torch.float32).",
    torch.int64: "an integer array stays integer: convert it to float32 with .float().",
    torch.int32: "an integer array stays integer: convert it to float32 with .float().",
}


def test_to_features(exercise):
    rng = np.random.default_rng(0)
    arrays = [rng.random((4, 3)), rng.standard_normal((2, 5)) * 10, rng.integers(-5, 5, (3, 2)),
              rng.random((3, 4)).astype(np.float32), rng.random((4, 6))[:, ::2]]  # the last: not contiguous
    for arr in arrays:
        what = f"to_features(arr) for a NumPy {arr.dtype} array of shape {arr.shape}"
        try:
            got = exercise.to_features(arr.copy() if arr.flags.c_contiguous else arr)
        except TypeError as e:
            fail(f"{what} raised TypeError: {e}", hint="torch.from_numpy, torch.tensor and torch.as_tensor take a "
                 "NumPy array; torch.Tensor(arr) with a dtype keyword does not.")
        expect_dtype_is(got, torch.float32, what, FEATURES)
        expect_close(got, torch.tensor(arr, dtype=torch.float32), what)
    layer = torch.nn.Linear(3, 2)
    x = exercise.to_features(rng.random((5, 3)))
    layer(x)  # a float32 layer accepts it


def test_to_labels(exercise):
    rng = np.random.default_rng(1)
    for arr in [rng.integers(0, 10, 6).astype(np.int32), rng.integers(0, 3, 4), rng.integers(0, 5, 5).astype(np.uint8)]:
        what = f"to_labels(arr) for a NumPy {arr.dtype} array {arr.tolist()}"
        got = exercise.to_labels(arr.copy())
        expect_dtype_is(got, torch.int64, what, {
            torch.int32: "the int32 array stayed int32: class labels must be int64 (.long()).",
            torch.uint8: "the uint8 array stayed uint8: class labels must be int64 (.long()).",
            torch.float32: "labels are class indices, integers: int64 (.long()), not float.",
            torch.float64: "labels are class indices, integers: int64 (.long()), not float.",
        })
        expect_close(got, torch.tensor(arr.astype(np.int64)), what)
