"""tensors_from_lists: torch.tensor guesses the dtype from your data.

`torch.tensor(data)` copies a (nested) Python list into a new tensor and picks
its dtype from the values: Python ints give int64, floats give float32, bools
give bool. Networks compute in floating point, so integer data needs a dtype
on the way in.

Make `as_float_tensor(rows)` turn a nested list of numbers (ints, floats or a
mix) into a float32 tensor with the same values and the same shape.

Read: torch.tensor, torch.dtype (the "Tensor Attributes" page)
"""
import torch


def as_float_tensor(rows):
    return torch.tensor(rows, dtype=torch.float32)


if __name__ == "__main__":
    print(torch.tensor([[1, 2], [3, 4]]).dtype)  # int64: ints in, ints out
    print(as_float_tensor([[1, 2], [3, 4]]))
