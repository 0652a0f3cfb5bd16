"""amp_op_dtypes: which ops autocast runs in 16 bits, and which it keeps in float32.

Autocast does not cast everything. Matrix products and convolutions run in
the 16-bit type (fast, and precise enough); losses run in float32 (they sum
many numbers); other ops just follow their inputs, and mixing a 16-bit tensor
with a float32 one gives float32 (type promotion). The lists differ per
device: on a CUDA GPU softmax runs in float32, on the CPU it does not.

Write `op_dtypes(device_type, dtype)`: make float32 inputs on that device,
x (4, 8), w (3, 8), b (3,), labels y (4,) in 0..2, and, inside
torch.autocast(device_type, dtype=dtype), compute z = F.linear(x, w, b) and
each op below. Return {name: the dtype of its result} for these names:
  "linear": z     "matmul": x @ w.T     "relu": F.relu(z)
  "softmax": torch.softmax(z, dim=1)    "cross_entropy": F.cross_entropy(z, y)
  "add_float32": z + a float32 tensor of z's shape

Read: "Automatic Mixed Precision package - torch.amp" (the op reference lists)
"""
import torch
import torch.nn.functional as F


def op_dtypes(device_type: str, dtype: torch.dtype) -> dict[str, torch.dtype]:
    x = torch.randn(4, 8, device=device_type)
    w = torch.randn(3, 8, device=device_type)
    b = torch.randn(3, device=device_type)
    y = torch.randint(0, 3, (4,), device=device_type)
    with torch.autocast(device_type, dtype=dtype):
        z = F.linear(x, w, b)
        results = {
            "linear": z,
            "matmul": x @ w.T,
            "relu": F.relu(z),
            "softmax": torch.softmax(z.float(), dim=1),
            "cross_entropy": F.cross_entropy(z, y),
            "add_float32": z + torch.ones(z.shape, device=device_type),
        }
    return {name: t.dtype for name, t in results.items()}


if __name__ == "__main__":
    for name, dtype in op_dtypes("cpu", torch.bfloat16).items():
        print(f"{name:14} {dtype}")
