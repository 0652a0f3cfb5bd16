import numpy as np
import torch

from dlings.testing import expect_close, expect_dtype, expect_tensor

# torch.Tensor(arr) makes the default dtype (float32): it shares a float32 array's memory and converts
# (copies) any other; checked with this torch: float32 shares, float64/int64/int32 copy.
COPIES = ("torch.tensor(arr) copies the values (so does torch.Tensor(arr) for any array that is not float32); "
          "torch.from_numpy(arr) shares arr's memory.")
SHARES = ("torch.from_numpy and torch.as_tensor share the array's memory (so does torch.Tensor(arr) for a float32 "
          "array); torch.tensor(arr) always makes a copy.")


def _arrays():
    rng = np.random.default_rng(0)
    return [rng.standard_normal(5), rng.standard_normal((2, 3)).astype(np.float32), np.arange(4, dtype=np.int64)]


def test_shared_follows_the_array(exercise):
    for arr in _arrays():
        what = f"shared(arr) for a {arr.dtype} array of shape {arr.shape}"
        t = expect_tensor(exercise.shared(arr), what)
        expect_dtype(t, torch.from_numpy(arr).dtype, what,
                     hint="torch.Tensor(arr) always makes float32, converting (so copying) any other array: "
                          "use torch.from_numpy(arr).")
        expect_close(t, torch.from_numpy(arr.copy()), what=what)
        arr.reshape(-1)[0] = 42
        expect_close(t.reshape(-1)[0], torch.tensor(42, dtype=t.dtype),
                     what=f"{what}, element 0, after arr's element 0 was set to 42", hint=COPIES)
        t.reshape(-1)[-1] = -7
        expect_close(torch.from_numpy(arr.copy()).reshape(-1)[-1], torch.tensor(-7, dtype=t.dtype),
                     what="arr's last element after the tensor's last element was set to -7", hint=COPIES)


def test_copied_is_independent(exercise):
    for arr in _arrays():
        what = f"copied(arr) for a {arr.dtype} array of shape {arr.shape}"
        before = arr.copy()
        t = expect_tensor(exercise.copied(arr), what)
        expect_dtype(t, torch.from_numpy(arr).dtype, what,
                     hint="torch.Tensor(arr) always makes float32 (and shares a float32 array's memory): "
                          "torch.tensor(arr) keeps the array's dtype and copies.")
        arr.reshape(-1)[0] = 42
        expect_close(t, torch.from_numpy(before), what=f"{what} after arr's element 0 was set to 42", hint=SHARES)
