"""memory_shares_storage: views live in the same memory.

Slicing, transposing and view() do not copy: they make a new tensor header
(shape, strides, offset) over the SAME block of memory, the storage.

Make `shares_storage(a, b)` return True when a and b use the same storage,
False otherwise. Careful: `t.data_ptr()` is the address of t's first
element, so `x[1:]` has a different data_ptr than x although it shares x's
storage. `t.untyped_storage().data_ptr()` is the address of the storage.

Read: torch.Tensor.untyped_storage, torch.Tensor.data_ptr, "Tensor Views".
"""
import torch


def shares_storage(a: torch.Tensor, b: torch.Tensor) -> bool:
    return a.untyped_storage().data_ptr() == b.untyped_storage().data_ptr()


if __name__ == "__main__":
    x = torch.arange(6.0).reshape(2, 3)
    print(x.data_ptr(), x[:, 1:].data_ptr())  # different addresses...
    print(shares_storage(x, x[:, 1:]))        # ...same storage: True
    print(shares_storage(x, x.clone()))       # False
