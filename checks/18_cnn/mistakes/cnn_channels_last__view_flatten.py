"""cnn_channels_last: the same network in the channels_last memory format.

channels_last keeps an (N, C, H, W) tensor's channels innermost in MEMORY (the
bytes run in N, H, W, C order), which tensor cores and many CPU kernels prefer.
The SHAPE stays (N, C, H, W) and indexing is unchanged: only the strides
differ, and every result must be the same as with the default layout.

Write `run_channels_last(model, x)`: convert the model (its 4-D weights) and x
to torch.channels_last, run the model (it maps images to a 4-D feature map),
and return the features flattened per sample to (N, C*H*W), in the same order
as `model(x).flatten(1)` with the default layout. Do not permute anything to
(N, H, W, C), and leave the caller's x as it was.

Read: torch.Tensor.to (memory_format), torch.nn.Module.to, torch.Tensor.is_contiguous,
torch.flatten vs torch.Tensor.view
"""
import torch
from torch import nn


def run_channels_last(model: nn.Module, x: torch.Tensor) -> torch.Tensor:
    model = model.to(memory_format=torch.channels_last)
    x = x.to(memory_format=torch.channels_last)
    features = model(x)
    return features.view(features.shape[0], -1)
