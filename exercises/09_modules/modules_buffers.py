"""modules_buffers: state that is saved but not trained.

Some tensors belong to a module without being learned: running statistics,
fixed constants. Register them with `self.register_buffer(name, tensor)`:
a buffer is saved in state_dict and moved by .to()/.double() like a parameter,
but .parameters() (and so every optimizer) never sees it.

Finish Standardize(data): store the per-feature `mean` and `std` of `data`
(shape (N, F); use data.mean(dim=0) and data.std(dim=0)) as buffers named
"mean" and "std"; forward(x) = (x - mean) / std.

Read: torch.nn.Module.register_buffer, torch.nn.Module.state_dict
"""
import torch
from torch import nn


class Standardize(nn.Module):
    def __init__(self, data: torch.Tensor):
        super().__init__()
        # TODO: register buffers "mean" and "std" (per feature, over dim 0)
        ...

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # TODO: standardize x with the stored statistics
        raise NotImplementedError


if __name__ == "__main__":
    layer = Standardize(torch.randn(100, 3) * 5 + 2)
    print("parameters:", list(layer.parameters()))
    print("state_dict:", layer.state_dict())
