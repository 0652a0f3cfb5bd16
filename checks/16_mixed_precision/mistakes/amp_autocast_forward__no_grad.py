"""amp_autocast_forward: a forward pass in mixed precision with torch.autocast.

Mixed precision runs the heavy ops (matrix products, convolutions) in a
16-bit float type while the model keeps its float32 weights: inside a
`with torch.autocast(device_type, dtype=...):` block, each op casts its own
inputs. Which 16-bit type depends on the device: bfloat16 on the CPU,
float16 on a CUDA GPU.

Write `amp_dtype(device_type)`: torch.bfloat16 for "cpu", torch.float16 for
"cuda". Write `autocast_forward(model, x)`: return model(x) computed under
autocast for the device x lives on (x.device.type), with amp_dtype's type.
The model and x stay float32: never cast either of them yourself.

Read: torch.autocast, "Automatic Mixed Precision package - torch.amp"
"""
import torch
from torch import nn


def amp_dtype(device_type: str) -> torch.dtype:
    return torch.float16 if device_type == "cuda" else torch.bfloat16


def autocast_forward(model: nn.Module, x: torch.Tensor) -> torch.Tensor:
    device_type = x.device.type
    with torch.no_grad(), torch.autocast(device_type, dtype=amp_dtype(device_type)):
        return model(x)


if __name__ == "__main__":
    model = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 2))
    out = autocast_forward(model, torch.randn(3, 4))
    print(out.dtype, model[0].weight.dtype)  # torch.bfloat16 torch.float32
