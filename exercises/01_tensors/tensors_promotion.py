"""tensors_promotion: predict the dtype of mixed arithmetic.

When an operation mixes dtypes, PyTorch promotes them to a common dtype:
- CATEGORY: bool < integer < floating point; the highest one present wins.
- SIZE within that category: from the operands OF that category, tensors
  with dimensions first, then 0-d tensors, then Python numbers (a Python
  float counts as the default float dtype, float32). So a lower group never
  enlarges a higher one: float16 + 1.5 stays float16, an int32 tensor +
  torch.tensor(7) stays int32; but int32 + 2.5 is float32 (the only float
  is the Python number). NumPy's old rules differed here.

Fill in `answers()` with the torch.dtype each expression produces (e.g.
torch.float32). Predict first; then run the file to compare.

Read: "Type promotion" on the Tensor Attributes page, torch.result_type
"""
import torch

i64 = torch.tensor([1, 2])                         # int64
u8 = torch.tensor([200, 100], dtype=torch.uint8)   # uint8
f32 = torch.tensor([1.0, 2.0])                     # float32
f64 = torch.tensor([1.0, 2.0], dtype=torch.float64)


def answers():
    return {
        "i64 + 1": ...,  # TODO: replace every ... with a torch dtype
        "i64 * 0.5": ...,
        "i64 / 2": ...,
        "i64 // 2": ...,
        "f32 + 1.5": ...,
        "f32 + f64": ...,
        "f32 + torch.tensor(2.0, dtype=torch.float64)": ...,
        "i64 * torch.tensor(0.5, dtype=torch.float64)": ...,
        "u8 + 100": ...,
        "u8 + i64": ...,
        "i64 > 1": ...,
    }


if __name__ == "__main__":
    for expression, guess in answers().items():
        actual = eval(expression).dtype
        print(f"{expression:48} you said {guess}, torch says {actual}")
